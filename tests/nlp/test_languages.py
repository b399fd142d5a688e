"""Facts come only from a pipeline for the page's language; other pages are kept with none.

Also: an article longer than spaCy's ``max_length`` is annotated in parts (no E088).
"""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy
from spacy.language import Language

from newsgraph.extract import extract
from newsgraph.model import Page
from newsgraph.nlp.pipeline import Pipelines, _parts, annotate, load_pipeline, model_spec

EN = (
    "Mara Quill, the mayor of Dravia, said on Tuesday that the city would close its river port. "
    '"We have no choice," Quill told reporters at the town hall.'
)
# Written for these tests; the English pipeline would read names and "facts" out of any of them.
OTHERS = {
    "pt": (
        "O presidente da câmara de Dravia, Mário Quintela, disse na terça-feira que a cidade vai "
        "fechar o porto fluvial. Os comerciantes protestaram em frente à câmara municipal."
    ),
    "ru": (
        "Мэр Дравии Марк Квилл заявил во вторник, что город закроет речной порт. "
        "Торговцы провели акцию протеста у здания мэрии."
    ),
    "it": (
        "Il sindaco di Dravia, Mario Quilla, ha detto martedì che la città chiuderà il porto fluviale. "
        "I commercianti hanno protestato davanti al municipio."
    ),
    "ko": "드라비아 시장 마라 퀼은 화요일 시가 강 항구를 폐쇄할 것이라고 말했다. 상인들은 시청 앞에서 항의했다.",
    "ja": "ドラビア市のマラ・クイル市長は火曜日、市が河川港を閉鎖すると述べた。商店主らは市役所前で抗議した。",
    "fr": (
        "Le maire de Dravia, Marc Quillot, a déclaré mardi que la ville fermerait son port fluvial. "
        "Les commerçants ont manifesté devant l'hôtel de ville."
    ),
    "de": (
        "Der Bürgermeister von Dravia, Markus Quill, sagte am Dienstag, die Stadt werde ihren Flusshafen "
        "schließen. Händler protestierten vor dem Rathaus."
    ),
}


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def _article(text: str, source: str = "x.txt"):  # noqa: ANN202
    return extract(Page(source=source, kind="text", data=text.encode()))


def test_english_page_gets_facts(nlp: Language) -> None:
    facts = next(annotate([_article(EN)], nlp))
    assert facts.article.language == "en"
    assert "Mara Quill" in {e.name for e in facts.entities}
    assert facts.quotes


@pytest.mark.parametrize("lang", sorted(OTHERS))
def test_other_languages_are_kept_without_facts(nlp: Language, lang: str) -> None:
    articles = [_article(EN, "en.txt"), _article(OTHERS[lang], f"{lang}.txt")]
    english, other = list(annotate(articles, nlp))
    assert english.article.source == "en.txt" and english.entities  # order kept, English still read
    assert other.article.language == lang
    assert other.article.text.startswith(OTHERS[lang][:20])
    assert (other.entities, other.quotes, other.events, other.relations, other.descriptions) == (
        [],
        [],
        [],
        [],
        [],
    )


@pytest.fixture(scope="module")
def french_pipeline(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A small French pipeline on disk (what --model fr=PATH loads): a ruler that knows one name."""
    fr = spacy.blank("fr")
    fr.add_pipe("sentencizer")
    ruler = fr.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PER", "pattern": "Marc Quillot"}, {"label": "MISC", "pattern": "mardi"}])
    path = Path(tmp_path_factory.mktemp("fr")) / "fr_pipeline"
    fr.to_disk(path)
    return str(path)


def test_a_pipeline_given_for_a_language_reads_its_pages(french_pipeline: str) -> None:
    spec = model_spec([f"fr={french_pipeline}"])
    pipes = load_pipeline(spec)
    assert isinstance(pipes, Pipelines) and set(pipes) == {"en", "fr"}
    facts = {
        f.article.language: f
        for f in annotate([_article(EN), _article(OTHERS["fr"]), _article(OTHERS["de"])], pipes)
    }
    # PER is renamed PERSON for our components; MISC is no entity type of ours
    assert {(e.name, e.type) for e in facts["fr"].entities} == {("Marc Quillot", "PERSON")}
    assert facts["en"].quotes and facts["de"].entities == []


def test_model_spec_rejects_bad_values() -> None:
    assert model_spec(None) is None
    assert model_spec(["fr=fr_core_news_sm", "DE=de_core_news_sm"]) == "fr=fr_core_news_sm;de=de_core_news_sm"
    with pytest.raises(ValueError):
        model_spec(["french=fr_core_news_sm"])
    with pytest.raises(ValueError):
        model_spec(["en_core_web_sm", "en_core_web_md"])


def test_parts_join_back_and_cut_at_paragraphs() -> None:
    text = "\n\n".join(f"Paragraph {i} says the council met on day {i}." for i in range(300))
    parts = _parts(text, 1000)
    assert "".join(parts) == text
    assert all(len(p) <= 1000 for p in parts)
    assert all(p.startswith("Paragraph") for p in parts)


def test_article_over_max_length_is_annotated_in_parts(nlp: Language) -> None:
    names = ["Mara Quill", "Anton Berg", "Tomas Okoro"]
    paragraphs = [
        f"On day {i} of the inquiry, {names[i % 3]} told the council in Dravia that the budget had been cut. "
        f'"We cannot pay for district {i}," {names[(i + 1) % 3]} said.'
        for i in range(60)
    ]
    article = _article("\n\n".join(paragraphs))
    assert len(article.text) > 5000
    limit = nlp.max_length
    nlp.max_length = 2000  # spaCy would refuse the article whole (E088)
    try:
        facts = next(annotate([article], nlp))
    finally:
        nlp.max_length = limit
    found = {e.name: e for e in facts.entities}
    assert set(names) <= set(found)
    # offsets index the whole article, including the last part's
    for entity in found.values():
        for start, end in entity.mentions:
            assert article.text[start:end] in entity.name or entity.name in article.text[start:end]
    assert max(end for e in found.values() for _, end in e.mentions) > len(article.text) - 200
    assert len(facts.sentences) >= 60
    # one entity per name across the parts, and every fact points at one of them
    assert len(facts.entities) == len({(e.name, e.type) for e in facts.entities})
    ids = {e.id for e in facts.entities}
    direct = [q for q in facts.quotes if q.kind == "direct"]
    assert len(direct) >= 50 and max(q.end for q in direct) > len(article.text) - 200
    for quote in facts.quotes:
        assert quote.speaker in ids
        assert article.text[quote.speaker_start : quote.speaker_end] in names
    assert all(article.text[q.start : q.end].startswith("We cannot pay") for q in direct)
