"""The HTML report, opened in a real headless browser (Debian's chromium with chromedriver)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

import trustlex
from trustlex.cli import app
from trustlex.report import render_report

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")


def test_report_is_self_contained_and_escapes_text(tmp_path):
    frame = trustlex.score_texts(
        ["Er is geen vertrouwen in de directie. <script>alert(1)</script>"], lang="nl"
    )
    page = render_report(frame, title="Test & report")
    assert "Test &amp; report" in page
    assert "<script>alert(1)</script>" not in page  # user text is escaped, never run
    for remote in ("http://", "https://", "//cdn", "src="):
        assert remote not in page  # nothing is fetched: the page works offline
    assert 'data-concept="trust"' in page
    assert 'Mean trust index <b id="climate-index">-0.50</b>' in page  # (0 - 1) / (0 + 1 + 1)
    with pytest.raises(trustlex.TrustlexError, match="sentence-level rows"):
        render_report(trustlex.score_texts(["x"], lang="nl", level="doc"))


def test_cli_report_from_folder_and_from_results(tmp_path):
    runner = CliRunner()
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", str(ROOT / "samples"), "--out", str(out)])
    assert result.exit_code == 0, result.output
    results = tmp_path / "results.csv"
    runner.invoke(app, ["score", str(ROOT / "samples"), "--level", "sentence", "--out", str(results)])
    again = tmp_path / "again.html"
    assert runner.invoke(app, ["report", str(results), "--out", str(again)]).exit_code == 0
    assert out.read_text(encoding="utf-8").count('class="row"') == again.read_text(encoding="utf-8").count(
        'class="row"'
    )


@pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER), reason="needs chromium and chromedriver (.ci/run installs them)"
)
def test_report_in_a_headless_browser(tmp_path):
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    page = trustlex.html_report(ROOT / "samples", tmp_path / "report.html", title="Samples")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,1600"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.get(page.as_uri())
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        assert errors == []
        assert len(driver.find_elements(By.CSS_SELECTOR, "svg rect.bar")) > 5  # the chart rendered
        from trustlex.analysis import sentence_trust_index

        shown = driver.find_element(By.ID, "climate-index")
        assert shown.is_displayed()
        frame = trustlex.score_folder([ROOT / "samples"], level="sentence", progress=False).frame
        assert float(shown.text) == pytest.approx(sentence_trust_index(frame).mean(), abs=0.005)
        sides = driver.find_elements(By.CSS_SELECTOR, "#climate-sides tr")
        assert len(sides) > 3
        marks = driver.find_elements(By.CSS_SELECTOR, ".row mark")
        assert marks
        assert marks[0].size["width"] > 0  # highlights are laid out, not just present
        rows = driver.find_elements(By.CSS_SELECTOR, ".row")
        assert int(driver.find_element(By.ID, "shown").text) == len(rows)
        driver.find_element(By.CSS_SELECTOR, 'button[data-value="trust"]').click()
        visible = [r for r in rows if r.is_displayed()]
        assert 0 < len(visible) < len(rows)
        assert {r.get_attribute("data-concept") for r in visible} == {"trust"}
        assert int(driver.find_element(By.ID, "shown").text) == len(visible)
        driver.find_element(By.ID, "search").send_keys("directie")
        assert all("directie" in r.text.lower() for r in rows if r.is_displayed())
        shot = tmp_path / "report.png"
        assert driver.save_screenshot(str(shot))
        assert shot.stat().st_size > 10_000
    finally:
        driver.quit()
