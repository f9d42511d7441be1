package ingest

// LabelValues returns the canonical values a label field accepts, or nil
// for a field that takes no label mapping. A mapping form offers them.
func LabelValues(field string) []string {
	if lf := labelFields[field]; lf != nil {
		return append([]string(nil), lf.canonical...)
	}
	return nil
}
