"""Tagged docs shown with displaCy: each hit labelled with its concept and valence, one colour per concept."""

from __future__ import annotations

from typing import Any

from trustlex.concepts import CONCEPTS
from trustlex.errors import TrustlexError

# Colours of the twelve concepts in displaCy renderings (one hue per concept).
CONCEPT_COLOURS: dict[str, str] = dict(
    zip(
        CONCEPTS,
        (
            "#74c0fc",
            "#adb5bd",
            "#ffa94d",
            "#b197fc",
            "#63e6be",
            "#ffd43b",
            "#ff8787",
            "#a9e34b",
            "#4dabf7",
            "#f783ac",
            "#e599f7",
            "#ffc078",
        ),
        strict=True,
    )
)


def display(doc: Any, *, jupyter: bool | None = None) -> str | None:
    """Show a tagged doc with displaCy's span style: each hit labelled ``concept valence``.

    In a notebook the rendering appears inline (``jupyter=None`` detects
    it); otherwise the HTML is returned. The labels carry the valence after
    context, so ``trust -`` marks "geen vertrouwen".

    Parameters
    ----------
    doc : spacy.tokens.Doc
        A doc tagged by a pipeline from :func:`load`.
    jupyter : bool, optional
        Render inline (``True``) or return the HTML (``False``); ``None``
        detects a notebook.

    Returns
    -------
    str or None
        The HTML, or ``None`` when it was shown in a notebook.

    Raises
    ------
    TrustlexError
        When ``doc`` was not tagged by trustlex.

    Examples
    --------
    >>> import re
    >>> import trustlex
    >>> nlp = trustlex.load("nl")
    >>> html = trustlex.display(nlp("Er is geen vertrouwen in het management."), jupyter=False)
    >>> html.startswith("<div"), re.findall(r"trust [-+0]", html)
    (True, ['trust -'])
    """
    from spacy import displacy

    if "trustlex" not in doc.spans:
        msg = "the doc has no trustlex spans: tag it with a trustlex pipeline first (trustlex.load(lang))"
        raise TrustlexError(msg)
    shown = doc.copy()
    spans = []
    for span in doc.spans["trustlex"]:
        info = span._.trustlex
        label = f"{span.label_} {info['valence']}" + (" (hedged)" if info.get("hedged") else "")
        spans.append(shown.char_span(span.start_char, span.end_char, label=label))
    shown.spans["trustlex_display"] = [s for s in spans if s is not None]
    colours = {
        f"{c} {v}{h}": colour
        for c, colour in CONCEPT_COLOURS.items()
        for v in ("+", "-", "0")
        for h in ("", " (hedged)")
    }
    options = {"spans_key": "trustlex_display", "colors": colours}
    return displacy.render(shown, style="span", options=options, jupyter=jupyter)
