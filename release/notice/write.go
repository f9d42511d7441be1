package main

import (
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
)

// header opens the notice; the reader is an Italian IT office, the licence
// texts themselves stay in their original English.
const header = `carico — componenti di terze parti (third-party notices)

carico è distribuito con licenza EUPL-1.2 (file LICENSE). Il programma
contiene i componenti elencati qui sotto, ciascuno con la propria licenza.
Seguono i testi delle licenze e gli avvisi (NOTICE) che quelle licenze
chiedono di riprodurre.

- I moduli Go e i pacchetti npm sono quelli effettivamente inclusi in
  questo programma; le loro licenze sono state verificate compatibili con
  la EUPL-1.2.
- Le librerie «dentro DuckDB» sono quelle che DuckDB incorpora nel proprio
  codice sorgente, con le licenze che DuckDB stesso riporta (cartella
  third_party di DuckDB). Tra queste, i generatori di dati di prova TPC-H
  e TPC-DS sono distribuiti con le condizioni proprie del TPC, non con una
  licenza open source: carico non li usa.
- Nella versione per Windows, il runtime di mingw-w64 e di GCC che il
  compilatore inserisce in carico.exe.

`

// write prints the table of components, then each licence text once: a
// text identical to one already printed is referred to rather than repeated.
func write(w io.Writer, comps []component) error {
	var b strings.Builder
	b.WriteString(header)
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "componente\tversione\tlicenza\tprovenienza")
	for _, c := range comps {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", c.Name, c.Version, strings.Join(c.Licenses, ", "), c.Source)
	}
	tw.Flush()
	printed := map[string]string{}
	for _, c := range comps {
		fmt.Fprintf(&b, "\n\n%s\n%s %s (%s)\n%s\n", strings.Repeat("=", 78), c.Name, c.Version, strings.Join(c.Licenses, ", "), strings.Repeat("=", 78))
		for _, t := range c.Texts {
			if first, ok := printed[t]; ok {
				fmt.Fprintf(&b, "\n[Same text as for %s above.]\n", first)
				continue
			}
			printed[t] = c.Name
			fmt.Fprintf(&b, "\n%s\n", t)
		}
	}
	// CRLF so that Notepad on older Windows shows the lines.
	_, err := io.WriteString(w, strings.ReplaceAll(b.String(), "\n", "\r\n"))
	return err
}
