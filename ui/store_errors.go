package ui

import "github.com/mamori-app/mamori/usecase"

// storeText is the sentence, with its hint, for the errors
// usecase.ExplainStore knows (a forged, rolled-back or unsafe vault, a kit
// asking too much work); ok is false for any other.
func (v *view) storeText(err error) (text string, ok bool) {
	m, ok := usecase.ExplainStore(err)
	if !ok {
		return "", false
	}
	text = v.msg.T(m.ID, m.Data)
	if m.Hint != nil {
		text += " " + v.msg.T(m.Hint.ID, m.Hint.Data)
	}
	return text, true
}
