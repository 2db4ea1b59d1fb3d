package usecase

// Render fills m's text in with t, a catalogue's lookup (an ID and its
// data to the text), translating first any Message among the data: a
// value such as an alphabet's name is itself a Message, never an
// identifier shown as it is. m is not changed; the technical detail, if
// any, is not added.
func (m Message) Render(t func(id string, data map[string]any) string) string {
	return t(m.ID, m.Filled(t))
}

// Filled is m's data with every Message among it rendered with t (see
// Render); m.Data itself when it holds none.
func (m Message) Filled(t func(id string, data map[string]any) string) map[string]any {
	var data map[string]any
	for k, v := range m.Data {
		sub, ok := v.(Message)
		if !ok {
			continue
		}
		if data == nil {
			data = make(map[string]any, len(m.Data))
			for k2, v2 := range m.Data {
				data[k2] = v2
			}
		}
		data[k] = sub.Render(t)
	}
	if data == nil {
		return m.Data
	}
	return data
}
