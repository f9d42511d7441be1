package italian

import (
	"time"
	_ "time/tzdata" // Europe/Rome on a Windows PC without a zone database
)

// Rome is Italian time: every time carico shows or logs is in it; the
// database keeps UTC.
var Rome = func() *time.Location {
	l, err := time.LoadLocation("Europe/Rome")
	if err != nil {
		panic("italian: " + err.Error()) // time/tzdata is embedded: it cannot fail
	}
	return l
}()
