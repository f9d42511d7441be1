package store

import (
	"fmt"
	"strings"
)

// lockError explains, in Italian, that another process holds the database:
// DuckDB lets one process write a file at a time, and `carico serve` owns
// its database while it runs.
func lockError(path string, err error) error {
	if err == nil || !strings.Contains(err.Error(), "Could not set lock on file") {
		return err
	}
	return fmt.Errorf("il database %s è già aperto da un altro programma, per esempio «carico serve»: "+
		"mentre il server è attivo si importa e si consulta dal browser; altrimenti fermare il server e riprovare", path)
}
