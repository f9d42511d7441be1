// Package value parses the cell values of Italian cartella exports: dates,
// durations, numbers and percentages as a responsabile's spreadsheet writes
// them. Every parser takes the raw cell text and returns either the value or
// an error worded in Italian, ready to be shown next to the file, row and
// column it came from.
//
// The parsers are strict where a wrong guess would silently corrupt the
// workload (impossible dates, percentages above 100 %, malformed digit
// groups) and lenient where the intent is clear (surrounding spaces, either
// decimal separator, an optional unit).
package value
