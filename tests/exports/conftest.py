"""A knowledge base built once from the export tests' own page (``PAGE``) and the examples."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsgraph.api import KnowledgeBase

HERE = Path(__file__).resolve().parent
EXAMPLES = HERE.parents[1] / "examples"
# written for these tests (not from any dev set): a protest, arrests, a deal, a member, quotes
PAGE = """Students march against fees in Nairobi

By Dana Whitfield

Thousands of students demonstrated in Nairobi on 2 May 2026 against the new tuition fees.

Police arrested 14 students outside the parliament in Nairobi on 2 May 2026, a police spokesman said.

The Kenya Teachers Union signed an agreement with the Ministry of Education on 3 May 2026.

"We will not pay these fees," said student leader Amina Odhiambo, a member of the Kenya Students Union.

Peter Kamau, the chief executive of Safari Freight, said the company would fund 200 bursaries.

"The fees were set after a long review," said Education Minister Grace Wanjiru.
"""


@pytest.fixture(scope="session")
def research_kb(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KnowledgeBase]:
    """Our page (protest, arrests, a deal, a member) and the two example pages, ingested once."""
    folder = tmp_path_factory.mktemp("research")
    page = folder / "nairobi-fees.txt"
    page.write_text(PAGE, encoding="utf-8")
    kb = KnowledgeBase(folder / "kb.db")
    kb.ingest([str(page), str(EXAMPLES / "alder-strike.txt"), str(EXAMPLES / "alder-deal.html")])
    yield kb
    kb.close()
