"""The LSH bands written in ``resolve.dedup`` are the ones datasketch's public ``MinHashLSH`` picks."""

from __future__ import annotations

from datasketch import MinHashLSH

from newsgraph.resolve import dedup


def test_the_written_bands_are_datasketchs_pick_for_our_threshold() -> None:
    lsh = MinHashLSH(threshold=dedup.CANDIDATE_JACCARD, num_perm=dedup.NUM_PERM, weights=(0.5, 0.5))
    assert (lsh.b, lsh.r) == (dedup.BANDS, dedup.ROWS) == (42, 3)


def test_every_band_reads_its_own_rows_of_the_signature() -> None:
    sig = dedup.signature("The harbour board met on Tuesday and voted to close the north pier for repairs.")
    hashes = dedup.band_hashes(sig)
    assert [band for band, _ in hashes] == list(range(dedup.BANDS))
    assert dedup.BANDS * dedup.ROWS <= dedup.NUM_PERM
    # a signature that differs in one value only changes the one band that holds it
    other = dedup.Signature(sig.values.copy(), sig.shingles, sig.page)
    other.values[dedup.ROWS * 5 + 1] += 1
    changed = [a[0] for a, b in zip(hashes, dedup.band_hashes(other), strict=True) if a != b]
    assert changed == [5]
