"""The HTML report, opened in a real headless browser (Debian's chromium with chromedriver)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

import trustlex
from trustlex.analysis.report import render_report
from trustlex.cli import app

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
needs_browser = pytest.mark.skipif(
    not (CHROMIUM and CHROMEDRIVER), reason="needs chromium and chromedriver (.ci/run installs them)"
)


def _chrome():
    """Start headless chromium with its browser log kept."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=1200,1600"):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)


def test_report_is_self_contained_and_escapes_text(tmp_path):
    with pytest.warns(UserWarning, match="HTML markup"):  # the markup is the point here
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


def test_html_report_refuses_an_existing_file_without_force_as_the_other_writers(tmp_path):
    rows = trustlex.score_texts(["We trust our manager."], lang="en")
    mine = tmp_path / "report.html"
    mine.write_text("my own page", encoding="utf-8")
    with pytest.raises(trustlex.TrustlexError, match=r"report.html exists; pass force=True to replace it"):
        trustlex.html_report(rows, mine)
    assert mine.read_text(encoding="utf-8") == "my own page"
    assert "<title>Trust language report</title>" in trustlex.html_report(rows, mine, force=True).read_text(
        encoding="utf-8"
    )
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "memo.txt").write_text("We trust our manager.", encoding="utf-8")
    with pytest.raises(trustlex.TrustlexError, match="is one of the inputs"):
        trustlex.html_report(folder / "memo.txt", folder / "memo.txt", force=True)
    assert (folder / "memo.txt").read_text(encoding="utf-8") == "We trust our manager."


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


def test_report_names_the_table_row_of_each_comment(tmp_path):
    # a comments table is one file: its name alone does not find the comment a sentence came from
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "c.csv").write_text("id,text\n1,The weather is fine.\n2,I do not trust HR.\n", encoding="utf-8")
    (folder / "a.txt").write_text("Er is geen vertrouwen in de directie.", encoding="utf-8")
    runner = CliRunner()
    results = tmp_path / "results.csv"
    done = runner.invoke(app, ["score", str(folder), "--level", "sentence", "--out", str(results)])
    assert done.exit_code == 0, done.output
    for n, data in enumerate((str(folder), str(results))):  # scored afresh, and read back (a.txt: no row)
        out = tmp_path / f"r{n}.html"
        assert runner.invoke(app, ["report", data, "--out", str(out)]).exit_code == 0
        page = out.read_text(encoding="utf-8")
        assert "c.csv row 2" in page
        assert "c.csv row 1" not in page  # no trust language there
        assert "a.txt" in page
        assert "a.txt row" not in page


def test_report_names_the_respondent_of_a_table_scored_with_an_id_column(tmp_path):
    table = "respondent,comment\nR017,The weather is fine.\nR018,Ik vertrouw de directie niet.\n"
    (tmp_path / "survey.csv").write_text(table, encoding="utf-8")
    rows = trustlex.score_folder(tmp_path, level="sentence", id_column="respondent", progress=False).frame
    assert rows["doc_id"].tolist() == ["R018"]
    page = render_report(rows)
    assert "survey.csv row 2 (R018)" in page
    assert "R017" not in page  # no trust language there
    # without the id column: the table row alone, as before
    page = render_report(rows.drop(columns="doc_id"))
    assert "survey.csv row 2" in page
    assert "(R018)" not in page


def test_cli_report_takes_an_id_column_as_score_does(tmp_path):
    # a user trial: the Python API showed the respondent, 'trustlex report' had no --id-column
    table = tmp_path / "survey.csv"
    table.write_text("respondent,comment\nR017,The weather is fine.\nR018,Ik vertrouw de directie niet.\n")
    out = tmp_path / "r.html"
    runner = CliRunner()
    result = runner.invoke(app, ["report", str(table), "--out", str(out), "--id-column", "respondent"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert "survey.csv row 2 (R018)" in page
    # a column the table lacks: the file and the column named, as 'trustlex score' names them
    wrong = tmp_path / "w.html"
    result = runner.invoke(app, ["report", str(table), "--out", str(wrong), "--id-column", "respondant"])
    assert result.exit_code == 1, result.output
    assert "error: survey.csv: missing-id: id column 'respondant' not found" in result.stderr
    assert "available columns: respondent, comment" in result.stderr
    # results were scored already: the id column is a choice made when scoring, said before any work
    results = tmp_path / "results.csv"
    scored = runner.invoke(app, ["score", str(table), "--level", "sentence", "--out", str(results)])
    assert scored.exit_code == 0, scored.output
    again = runner.invoke(app, ["report", str(results), "-o", str(tmp_path / "x.html"), "--id-column", "r"])
    assert again.exit_code == 2, again.output
    assert f"{results}: trustlex results, scored already" in again.stderr
    assert not (tmp_path / "x.html").exists()


def test_cli_report_names_what_it_could_not_read_and_exits_1(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Er is geen vertrouwen in de directie.", encoding="utf-8")
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 broken")
    lines = [json.dumps({"text": "We trust our manager."}), '{"text": "unclosed', json.dumps({"text": "Ok."})]
    (folder / "c.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path / "r.html"
    result = CliRunner().invoke(app, ["report", str(folder), "--out", str(out)])
    assert result.exit_code == 1, result.output
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert len(errors) == 2, result.stderr
    assert errors[0].startswith("error: broken.pdf: corrupt: ")
    assert errors[1].startswith("error: c.jsonl: row 2: malformed-row: line 2: ")
    assert f"report written to {out}; 2 files or rows could not be read (reported above)" in result.stderr
    page = out.read_text(encoding="utf-8")
    assert 'data-concept="trust"' in page  # the documents that could be read are in the report
    assert (
        "2 files or table rows could not be read and are not in this report: broken.pdf, c.jsonl row 2"
        in page
    )
    empty = tmp_path / "empty"
    empty.mkdir()
    nothing = CliRunner().invoke(app, ["report", str(empty), "--out", str(tmp_path / "e.html")])
    assert nothing.exit_code == 1, nothing.output
    assert f"error: no documents to score in {empty}: no files" in nothing.stderr


@pytest.mark.parametrize(
    ("level", "missing"), [("doc", "concept, valence, sentence, terms"), ("match", "sentence, terms")]
)
def test_cli_report_on_results_of_another_level_says_to_score_sentences(tmp_path, level, missing):
    runner = CliRunner()
    results = tmp_path / f"{level}.csv"
    scored = runner.invoke(app, ["score", str(ROOT / "samples"), "--level", level, "--out", str(results)])
    assert scored.exit_code == 0, scored.output
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", str(results), "--out", str(out)])
    assert result.exit_code == 1, result.output
    assert f"{results}: " in result.stderr
    assert f"missing columns: {missing})" in result.stderr
    assert "--level sentence" in result.stderr
    assert not out.exists()  # no empty report written


def test_cli_report_scores_a_lone_table_of_comments(tmp_path):
    # docs/analyses.md: given documents, report scores them; a lone CSV was always taken for results
    comments = tmp_path / "survey.csv"
    texts = ["We trust our manager.", "There is no trust in the board."]
    pd.DataFrame({"id": [1, 2], "text": texts}).to_csv(comments, index=False)
    out = tmp_path / "r.html"
    result = CliRunner().invoke(app, ["report", str(comments), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").count('class="row"') == len(
        trustlex.score_texts(texts, lang="en", level="sentence")
    )


def test_cli_report_reads_the_text_column_given_as_score_and_kwic_do(tmp_path):
    # 'text' would be detected; the comments are in 'opmerking'
    table = tmp_path / "survey.csv"
    comments = ["Ik vertrouw de directie niet.", "Wij vertrouwen ons team."]
    pd.DataFrame({"text": ["Vraag 1", "Vraag 2"], "opmerking": comments}).to_csv(table, index=False)
    out = tmp_path / "r.html"
    args = ["report", str(table), "--out", str(out), "--text-column", "opmerking"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert html.count('class="row"') == len(trustlex.score_texts(comments, lang="nl", level="sentence")) > 0
    assert "Vraag 1" not in html


def test_report_on_cut_results_says_it_is_neither(tmp_path):
    rows = trustlex.score_texts(["Ik vertrouw je niet."], lang="nl", level="sentence")
    cut = tmp_path / "cut.csv"
    rows.drop(columns=["terms", "cues"]).to_csv(cut, index=False)
    with pytest.raises(trustlex.TrustlexError) as info:
        trustlex.html_report(cut, tmp_path / "r.html")
    assert str(info.value).startswith(f"{cut}: neither trustlex results nor a table of texts")
    assert "sentence-level results, but not terms, cues" in str(info.value)
    assert not (tmp_path / "r.html").exists()


@needs_browser
def test_report_in_a_headless_browser(tmp_path):
    from selenium.webdriver.common.by import By

    page = trustlex.html_report(ROOT / "samples", tmp_path / "report.html", title="Samples")
    driver = _chrome()
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


# -- results files written by hand or by someone else: hostile text, unknown concepts, no valence --------

PWN_CONCEPT = '"><img src=x onerror="window.__pwned=1">'
PWN_SCRIPT = "<script>window.__pwned=2</script>"
PWN_VALENCE = '"onmouseover="window.__pwned=3" x="'
PWN_JSON = "</script><script>window.__pwned=4</script>\u2028<!--"  # ends up in the JSON summary too
PWN_TITLE = "</title><script>window.__pwned=5</script>"
PWN_ALERT = "<svg onload=alert(7)><img src=x onerror=alert(8)>"
PWN_REFERENT = '</td><script>window.__pwned=6</script><td x="'


def _cli(*args):
    """Run the trustlex console in a subprocess on this checkout; return the finished process."""
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    return subprocess.run(
        [sys.executable, "-m", "trustlex", *map(str, args)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def results_csv(tmp_path_factory):
    """The samples scored at sentence level by `trustlex score`, as its CSV."""
    out = tmp_path_factory.mktemp("results") / "results.csv"
    done = _cli("score", ROOT / "samples", "--level", "sentence", "--out", out)
    assert done.returncode == 0, done.stderr
    return out


def _crafted(results_csv, folder):
    """Write a results CSV: the real rows, then real rows with hostile text in every column the page shows."""
    rows = pd.read_csv(results_csv, dtype=str, keep_default_na=False)
    bad = rows.iloc[[0, 1, 2, 3]].copy()
    bad.iloc[0, bad.columns.get_loc("concept")] = PWN_CONCEPT
    bad.iloc[1, bad.columns.get_loc("sentence")] = f"Trust {PWN_SCRIPT} me {PWN_ALERT}."
    bad.iloc[1, bad.columns.get_loc("terms")] = PWN_SCRIPT
    bad.iloc[1, bad.columns.get_loc("path")] = PWN_SCRIPT
    bad.iloc[1, bad.columns.get_loc("cues")] = PWN_ALERT
    bad.iloc[2, bad.columns.get_loc("valence")] = PWN_VALENCE
    bad.iloc[3, bad.columns.get_loc("concept")] = PWN_JSON
    bad.iloc[2, bad.columns.get_loc("referent")] = PWN_REFERENT
    bad.iloc[1, bad.columns.get_loc("referent_text")] = PWN_SCRIPT
    path = folder / "crafted.csv"
    pd.concat([rows, bad]).to_csv(path, index=False)
    return path, len(rows) + len(bad)


class _Page(HTMLParser):
    """Every start tag with its attributes, and the text of each script element."""

    def __init__(self):
        super().__init__()
        self.tags, self.scripts, self._in_script = [], [], False

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        self._in_script = tag == "script"
        if self._in_script:
            self.scripts.append("")

    def handle_endtag(self, tag):
        self._in_script = False

    def handle_data(self, data):
        if self._in_script:
            self.scripts[-1] += data


def test_crafted_results_file_renders_as_inert_html(results_csv, tmp_path):
    crafted, n = _crafted(results_csv, tmp_path)
    out = tmp_path / "crafted.html"
    done = _cli("report", crafted, "--out", out, "--title", PWN_TITLE)
    assert done.returncode == 0, done.stderr
    text = out.read_text(encoding="utf-8")
    page = _Page()
    page.feed(text)
    tags = {tag for tag, _ in page.tags}
    assert tags <= set(
        "html head meta title style body h1 h2 p svg text rect b table tr th td span div button br input mark"
        " script".split()
    )
    assert not [(t, a) for t, a in page.tags for name in a if name.startswith("on")]  # no handlers
    assert [a for t, a in page.tags if t == "script"] == [{"type": "application/json", "id": "summary"}, {}]
    summary = json.loads(page.scripts[0])  # the JSON block is whole: nothing in it closed the element
    assert summary["sentences"] == n
    assert summary["unknown_concepts"] == sorted([PWN_CONCEPT, PWN_JSON])
    assert summary["no_valence"] == 1
    assert summary["referents"][PWN_REFERENT] == 1
    assert "</" not in page.scripts[0]
    assert "\u2028" not in page.scripts[0]
    assert text.count('class="row"') == n
    for remote in ("http://", "https://", "//cdn"):
        assert remote not in text


@needs_browser
def test_crafted_results_file_runs_no_script_in_the_browser(results_csv, tmp_path):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.by import By

    crafted, n = _crafted(results_csv, tmp_path)
    out = tmp_path / "crafted.html"
    done = _cli("report", crafted, "--out", out, "--title", PWN_TITLE)
    assert done.returncode == 0, done.stderr
    driver = _chrome()
    try:
        driver.get(out.as_uri())
        assert driver.execute_script("return typeof window.__pwned") == "undefined"
        # no injected element or handler anywhere: no <img>, no on* attribute, only the page's two scripts
        assert (
            driver.execute_script(
                "return [...document.querySelectorAll('*')].filter(e => e.tagName === 'IMG' ||"
                " [...e.attributes].some(a => a.name.startsWith('on'))).length"
            )
            == 0
        )
        assert len(driver.find_elements(By.TAG_NAME, "script")) == 2
        rows = driver.find_elements(By.CSS_SELECTOR, ".row")
        assert len(rows) == n
        hover = ActionChains(driver)
        for element in rows[-4:] + driver.find_elements(By.CSS_SELECTOR, ".controls button"):
            hover.move_to_element(element)
        hover.perform()
        # the crafted text is on the page as text, where the page shows such values
        assert driver.title == PWN_TITLE
        assert driver.find_element(By.TAG_NAME, "h1").text == PWN_TITLE
        shown = driver.find_element(By.ID, "rows").text
        for crafted_text in (
            PWN_CONCEPT,
            PWN_SCRIPT,
            PWN_VALENCE,
            PWN_ALERT,
            "</script><script>window.__pwned=4",
        ):
            assert crafted_text in shown
        assert f"Trust {PWN_SCRIPT} me {PWN_ALERT}." in shown
        assert driver.find_element(By.CSS_SELECTOR, ".row mark.v-plus").text  # highlights still laid out
        assert PWN_CONCEPT in driver.find_element(By.ID, "per-concept").text
        assert PWN_REFERENT in driver.find_element(By.ID, "per-referent").text
        referent_buttons = driver.find_elements(By.CSS_SELECTOR, 'button[data-group="referent"]')
        button = next(b for b in referent_buttons if b.get_attribute("data-value") == PWN_REFERENT)
        button.click()
        assert [r.get_attribute("data-referent") for r in rows if r.is_displayed()] == [PWN_REFERENT]
        referent_buttons[0].click()  # all referents again
        summary = json.loads(driver.find_element(By.ID, "summary").get_attribute("textContent"))
        assert PWN_JSON in summary["unknown_concepts"]  # U+2028 and all, back intact
        # the filter on the crafted concept finds its row by the attribute value, unaltered
        button = next(
            b
            for b in driver.find_elements(By.CSS_SELECTOR, 'button[data-group="concept"]')
            if b.text == PWN_CONCEPT
        )
        assert button.get_attribute("data-value") == PWN_CONCEPT
        button.click()
        visible = [r for r in rows if r.is_displayed()]
        assert [r.get_attribute("data-concept") for r in visible] == [PWN_CONCEPT]
        assert driver.execute_script("return typeof window.__pwned") == "undefined"
        with pytest.raises(NoAlertPresentException):
            driver.switch_to.alert.text  # noqa: B018 (reading it is the check)
        errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
        assert errors == []  # nor did anything try to load (an <img src=x> would log a failed request)
    finally:
        driver.quit()


def _odd(results_csv, folder):
    """Write a results CSV with concepts outside the codebook and missing or invalid valences.

    The odd rows copy real rows (same documents), so the trust climate must not move.
    """
    rows = pd.read_csv(results_csv, dtype=str, keep_default_na=False)
    odd = rows.iloc[[0, 1, 4, 5, 6]].copy()
    odd["concept"] = ["fairness", "fairness", "trust", "control", ""]
    odd["valence"] = ["-", "", "", "x", "0"]
    path = folder / "odd.csv"
    pd.concat([rows, odd]).to_csv(path, index=False)
    return path, len(rows) + len(odd)


def test_unknown_concepts_and_missing_valences_render(results_csv, tmp_path):
    odd, n = _odd(results_csv, tmp_path)
    out = tmp_path / "odd.html"
    done = _cli("report", odd, "--out", out)
    assert done.returncode == 0, done.stderr
    page = out.read_text(encoding="utf-8")
    assert page.count('class="row"') == n
    assert page.count('data-concept="fairness"') == 2
    assert page.count('data-valence="none"') == 3
    assert 'data-concept="(no concept)"' in page
    # a results file of only neutral and empty valences reads back as numbers: 0.0 and NaN
    neutral = pd.read_csv(results_csv, dtype=str, keep_default_na=False).head(3)
    neutral["valence"] = ["0", "", "0"]
    neutral.to_csv(tmp_path / "neutral.csv", index=False)
    assert pd.read_csv(tmp_path / "neutral.csv")["valence"].dtype.kind == "f"
    done = _cli("report", tmp_path / "neutral.csv", "--out", tmp_path / "neutral.html")
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "neutral.html").read_text(encoding="utf-8")
    assert page.count('data-valence="0"') == 2
    assert page.count('data-valence="none"') == 1


@needs_browser
def test_unknown_concepts_and_missing_valences_in_the_browser(results_csv, tmp_path):
    from selenium.webdriver.common.by import By

    odd, n = _odd(results_csv, tmp_path)
    out = tmp_path / "odd.html"
    done = _cli("report", odd, "--out", out)
    assert done.returncode == 0, done.stderr
    clean = tmp_path / "clean.html"
    assert _cli("report", results_csv, "--out", clean).returncode == 0
    driver = _chrome()
    try:
        driver.get(clean.as_uri())
        clean_index = driver.find_element(By.ID, "climate-index").text
        assert driver.find_elements(By.ID, "notes") == []  # a clean file has nothing to note
        driver.get(out.as_uri())
        assert [e for e in driver.get_log("browser") if e["level"] == "SEVERE"] == []
        notes = driver.find_element(By.ID, "notes").text
        assert "3 rows name concepts outside the codebook" in notes
        assert "“fairness”" in notes
        assert "“(no concept)”" in notes
        assert "3 rows have no valid valence" in notes
        # the unknown concepts and "no valence" are in the chart, the table and the filters
        labels = [t.text for t in driver.find_elements(By.CSS_SELECTOR, "svg text")]
        assert {"fairness", "(no concept)", "no valence"} <= set(labels)
        table = driver.find_element(By.ID, "per-concept").text
        assert "fairness (not in the codebook)" in table
        assert "no valence" in driver.find_element(By.CSS_SELECTOR, "#per-concept tr").text
        assert driver.find_element(By.ID, "climate-index").text == clean_index  # odd rows leave it alone
        rows = driver.find_elements(By.CSS_SELECTOR, ".row")
        assert len(rows) == n
        assert int(driver.find_element(By.ID, "shown").text) == n
        driver.find_element(By.CSS_SELECTOR, 'button[data-group="concept"][data-value="fairness"]').click()
        visible = [r for r in rows if r.is_displayed()]
        assert [r.get_attribute("data-valence") for r in visible] == ["-", "none"]
        assert visible[1].find_element(By.CSS_SELECTOR, ".meta").text.startswith("fairness no valence")
        grey = visible[0].find_element(By.TAG_NAME, "mark").value_of_css_property("background-color")
        assert grey == "rgba(222, 226, 230, 1)"  # the neutral colour, #dee2e6
        driver.find_element(By.CSS_SELECTOR, 'button[data-group="concept"]:not([data-value])').click()
        driver.find_element(By.CSS_SELECTOR, 'button[data-group="valence"][data-value="none"]').click()
        visible = [r for r in rows if r.is_displayed()]
        metas = [r.find_element(By.CSS_SELECTOR, ".meta").text for r in visible]
        assert len(metas) == 3
        assert [m.split(" · ")[0] for m in metas] == [
            "fairness no valence",
            "trust no valence",
            "control no valence (“x”)",
        ]
        assert int(driver.find_element(By.ID, "shown").text) == 3
    finally:
        driver.quit()


# -- who it is about: the referent breakdown ---------------------------------------------------------------

REFERENT_TEXTS = [
    "I do not trust management. My colleagues are honest.",
    "Management lies. I trust my manager.",
    "There is no trust here.",
]


def test_referent_breakdown_counts_by_hand():
    frame = trustlex.score_texts(REFERENT_TEXTS, lang="en")
    page = render_report(frame)
    # leadership: "do not trust management" (trust -) and "Management lies" (integrity -), one per document,
    # each document's index (0 - 1) / (0 + 1 + 1) = -0.5
    assert (
        '<tr data-referent="leadership"><td>leadership</td><td>0</td><td>2</td><td>0</td><td>2</td>'
        "<td>-0.50 (-0.50 to -0.50), 2 docs</td></tr>"
    ) in page
    assert (
        '<tr data-referent="colleagues"><td>colleagues</td><td>1</td><td>0</td><td>0</td><td>1</td>' in page
    )
    assert '<tr data-referent="direct_manager"><td>direct_manager</td><td>1</td><td>0</td>' in page
    assert '<tr data-referent="none"><td>none</td><td>0</td><td>1</td><td>0</td><td>1</td>' in page
    # per referent and concept: leadership has one trust unit and one integrity unit, both lacking
    assert (
        '<tr data-referent="leadership"><td>leadership</td><td>1 <span class="muted">(0/1/0)</span></td>'
        '<td>1 <span class="muted">(0/1/0)</span></td></tr>'
    ) in page
    assert page.index('data-referent="direct_manager"') < page.index('data-referent="none"')  # taxonomy order
    assert "about leadership (“management”)" in page
    # a results file from before referents: no breakdown, no referent filter, the rest as before
    old = render_report(frame.drop(columns=["referent", "referent_text", "referent_how"]))
    assert 'id="per-referent"' not in old
    assert "data-referent" not in old
    assert old.count('class="row"') == page.count('class="row"') == len(frame)


@needs_browser
def test_referent_breakdown_in_the_browser(tmp_path):
    from selenium.webdriver.common.by import By

    frame = trustlex.score_texts(REFERENT_TEXTS, lang="en")
    page = trustlex.html_report(frame, tmp_path / "referents.html")
    driver = _chrome()
    try:
        driver.get(page.as_uri())
        assert [e for e in driver.get_log("browser") if e["level"] == "SEVERE"] == []
        table = driver.find_element(By.ID, "per-referent")
        assert table.is_displayed()
        names = [r.text.split()[0] for r in table.find_elements(By.CSS_SELECTOR, "tr")[1:]]
        assert names == ["direct_manager", "leadership", "colleagues", "none"]
        assert driver.find_element(By.ID, "referent-concepts").is_displayed()
        rows = driver.find_elements(By.CSS_SELECTOR, ".row")
        driver.find_element(By.CSS_SELECTOR, 'button[data-group="referent"][data-value="leadership"]').click()
        visible = [r for r in rows if r.is_displayed()]
        assert [r.get_attribute("data-referent") for r in visible] == ["leadership", "leadership"]
        assert int(driver.find_element(By.ID, "shown").text) == 2
        driver.find_element(By.CSS_SELECTOR, 'button[data-group="concept"][data-value="trust"]').click()
        visible = [r for r in rows if r.is_displayed()]
        assert [r.text.splitlines()[0] for r in visible] == ["I do not trust management."]
        driver.find_element(By.CSS_SELECTOR, 'button[data-group="referent"]:not([data-value])').click()
        assert {r.get_attribute("data-concept") for r in rows if r.is_displayed()} == {"trust"}
        assert len([r for r in rows if r.is_displayed()]) == 3  # trust: leadership, direct manager, none
    finally:
        driver.quit()


def test_a_report_of_an_empty_folder_says_nothing_was_scored(tmp_path):
    (tmp_path / "empty").mkdir()
    out = tmp_path / "r.html"
    done = _cli("report", tmp_path / "empty", "--out", out)
    assert done.returncode == 1, done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines[0].startswith(f"error: no documents to score in {tmp_path / 'empty'}: no files")
    assert lines[-1] == f"report written to {out}; nothing was scored, the report is empty"
    assert "could not be read" not in done.stderr
    page = out.read_text(encoding="utf-8")
    assert f"Nothing was scored: no documents to score in {tmp_path / 'empty'}: no files" in page
    assert "could not be read" not in page


# one party with lacking units of every concept: twelve columns in the referent-by-concept table
WIDE_TEXTS = [
    "Management does not trust us.",
    "Management monitors every step we take.",
    "Management hides the risks.",
    "Management takes no responsibility.",
    "Management broke its promises.",
    "Management sets a bad example.",
    "Management is incompetent.",
    "Management does not care about us.",
    "Management lies.",
    "Management puts us under constant pressure.",
    "Nobody dares to speak up to management.",
]


@needs_browser
def test_a_wide_referent_table_scrolls_in_its_box_not_the_page(tmp_path):
    from selenium.webdriver.common.by import By

    frame = trustlex.score_texts(WIDE_TEXTS, lang="en")
    assert frame["concept"].nunique() >= 11
    page = trustlex.html_report(frame, tmp_path / "wide.html")
    driver = _chrome()
    try:
        driver.get(page.as_uri())
        width, client = driver.execute_script(
            "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert width <= client  # the page itself has no horizontal scrollbar
        table = driver.find_element(By.ID, "referent-concepts")
        box = driver.execute_script("return arguments[0].parentElement", table)
        assert box.get_attribute("class") == "wide"
        assert driver.execute_script("return arguments[0].scrollWidth > arguments[0].clientWidth", box)
    finally:
        driver.quit()


@needs_browser
def test_search_finds_dutch_words_typed_without_their_accents(tmp_path):
    from selenium.webdriver.common.by import By

    texts = [
        "De financiële verantwoording van de wethouder ontbreekt.",
        "Er is geen toezicht op de geïnde gelden.",
        "Ik vertrouw mijn leidinggevende niet.",
    ]
    frame = trustlex.score_texts(texts, lang="nl")
    assert set(frame["doc_id"]) == {0, 1, 2}
    page = trustlex.html_report(frame, tmp_path / "accents.html")
    driver = _chrome()
    try:
        driver.get(page.as_uri())
        search = driver.find_element(By.ID, "search")
        rows = driver.find_elements(By.CSS_SELECTOR, ".row")

        def found(query: str) -> set[str]:
            search.clear()
            search.send_keys(query)
            return {r.text.splitlines()[0] for r in rows if r.is_displayed()}

        assert found("financiele") == found("FINANCIËLE") == found("financiële") == {texts[0]}
        assert found("geinde") == found("geïnde") == {texts[1]}
        assert found("vertrouw") == {texts[2]}
        assert found("financieel") == set()
    finally:
        driver.quit()
