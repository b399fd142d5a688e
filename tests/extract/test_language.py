"""Each page's language comes from its text (py3langid); a declared language only settles a doubt."""

from __future__ import annotations

import pytest

from newsgraph.extract import extract
from newsgraph.extract.language import detect_language, normalise_code
from newsgraph.model import Page

# Short news reports written for these tests, one per language.
REPORTS = {
    "en": (
        "The port authority of Valmora agreed on Monday to raise dock workers' wages by six percent, "
        "ending a nine-day strike that had left hundreds of containers stranded on the quays."
    ),
    "pt": (
        "A autoridade portuária de Valmora aceitou na segunda-feira aumentar em seis por cento os "
        "salários dos estivadores, pondo fim a uma greve de nove dias que deixou centenas de "
        "contentores parados no cais."
    ),
    "ru": (
        "Управление порта Валмора в понедельник согласилось повысить зарплату докерам на шесть "
        "процентов, положив конец девятидневной забастовке, из-за которой сотни контейнеров "
        "простаивали на причалах."
    ),
    "it": (
        "L'autorità portuale di Valmora ha accettato lunedì di aumentare del sei per cento i salari "
        "dei portuali, mettendo fine a uno sciopero di nove giorni che aveva lasciato centinaia di "
        "container fermi sulle banchine."
    ),
    "ko": (
        "발모라 항만청은 월요일 항만 노동자들의 임금을 6퍼센트 인상하기로 합의했다. 이로써 수백 개의 "
        "컨테이너를 부두에 묶어 두었던 9일간의 파업이 끝났다."
    ),
    "ja": (
        "バルモラ港湾局は月曜日、港湾労働者の賃金を6パーセント引き上げることで合意した。"
        "これにより、数百個のコンテナが岸壁に滞留していた9日間のストライキが終わった。"
    ),
    "fr": (
        "L'autorité portuaire de Valmora a accepté lundi d'augmenter de six pour cent les salaires "
        "des dockers, mettant fin à une grève de neuf jours qui avait laissé des centaines de "
        "conteneurs bloqués sur les quais."
    ),
    "de": (
        "Die Hafenbehörde von Valmora hat am Montag zugestimmt, die Löhne der Hafenarbeiter um sechs "
        "Prozent zu erhöhen, und damit einen neuntägigen Streik beendet, durch den Hunderte Container "
        "an den Kais festsaßen."
    ),
}


@pytest.mark.parametrize("lang", sorted(REPORTS))
def test_text_page_language(lang: str) -> None:
    text = REPORTS[lang] + "\n\n" + REPORTS[lang]
    article = extract(Page(source=f"{lang}.txt", kind="text", data=text.encode()))
    assert article.language == lang


@pytest.mark.parametrize("lang", sorted(REPORTS))
def test_html_page_language_ignores_a_wrong_lang_attribute(lang: str) -> None:
    # Templates often say lang="en" whatever the story's language: the text decides.
    declared = "de" if lang == "en" else "en"
    html = f'<html lang="{declared}"><body><article><p>{REPORTS[lang]}</p><p>{REPORTS[lang]}</p></article></body></html>'
    assert extract(Page(source="x.html", kind="html", data=html.encode())).language == lang


def test_declared_language_settles_a_short_ambiguous_text() -> None:
    # Too short for the model to be sure; the page's own lang attribute is plausible, so it wins.
    assert detect_language("Okoro leads Canada past Chile") is None
    assert detect_language("Okoro leads Canada past Chile", hint="en") == "en"
    # ...but a hint the text makes implausible does not.
    assert detect_language(REPORTS["ru"], hint="en") == "ru"


def test_too_short_to_tell_is_none_without_a_hint() -> None:
    assert detect_language("12:30 — 4-2") is None
    assert detect_language("12:30 — 4-2", hint="pt-BR") == "pt"


def test_all_capitals_is_still_english() -> None:
    assert detect_language(REPORTS["en"].upper()) == "en"


def test_language_codes_are_normalised() -> None:
    assert normalise_code("en-GB") == "en"
    assert normalise_code("PT_br") == "pt"
    assert normalise_code("no") == "nb"  # spaCy's Norwegian pipelines are "nb"
    assert normalise_code("x-klingon") is None
    assert normalise_code("") is None
