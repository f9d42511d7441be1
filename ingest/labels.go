package ingest

// LabelValues returns the canonical values a label field accepts, or nil
// for a field that takes no label mapping. A mapping form offers them.
func LabelValues(field string) []string {
	if lf := labelFields[field]; lf != nil {
		return append([]string(nil), lf.canonical...)
	}
	return nil
}

// Labeller returns the importer's own lookup of labels under profile p:
// the canonical value of a label of field, and whether the import would
// accept it (the profile's [values], the canonical values, their Italian
// names, the built-in synonyms). A mapping form lists with it the labels
// still to classify.
func Labeller(p *Profile) func(field, label string) (string, bool) {
	m := newMapper(p, nil, nil)
	m.reasonLabels()
	return func(field, label string) (string, bool) {
		l, ok := m.labels[field]
		if !ok {
			return "", false
		}
		return l.lookup(label)
	}
}
