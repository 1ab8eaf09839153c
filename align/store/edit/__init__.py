"""Review edits as pure logic, no SQL: a copy-on-write edit of a pair's model (``work``),
the bead and sentence operations (``ops``), re-scoring and re-checking the changed beads
(``refresh``, ``recheck``), re-aligning (``realign``), counts and rows of a state
(``state``) and character spans (``spans``)."""
