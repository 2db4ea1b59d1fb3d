package gridcard

// CaseMatters reports whether a person answering from a card of this
// profile must mind upper and lower case: the profile is case-sensitive
// and its alphabet holds some letter in both cases. A case-sensitive
// profile of digits only has nothing to mind, so a screen need not warn.
func (p Profile) CaseMatters() bool {
	return p.CaseSensitive() && hasCasePair(p.Alphabet)
}

// ExampleCells returns up to Asked cells spread over a card of profile p
// (the first cell, one near the middle, the last), for a hint such as
// "type cells like A1 C3 J5". They are distinct and on the card.
func ExampleCells(p Profile) []Cell {
	if p.Rows < 1 || p.Cols < 1 {
		return nil
	}
	candidates := []Cell{{0, 0}, {min(2, p.Rows-1), min(2, p.Cols-1)}, {p.Rows - 1, p.Cols - 1}}
	var out []Cell
	for _, c := range candidates {
		if len(out) >= max(1, p.Asked) {
			break
		}
		dup := false
		for _, o := range out {
			dup = dup || o == c
		}
		if !dup {
			out = append(out, c)
		}
	}
	return out
}
