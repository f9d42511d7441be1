package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// verifyParquet checks an export directory against its manifests before
// it is read, for the Ambiti read: each has its manifest, of that Ambito
// only; every file listed is there with its SHA-256 and row count; and no
// Parquet file of the Ambito is left unlisted (a copied file, another
// Ambito's file dropped in), which the views would read and count twice.
// The error, in Italian, names the files. On success it returns the
// collection's identity (see DB.Collection).
func (db *DB) verifyParquet(ctx context.Context, dir string, present, ambiti []string) (string, error) {
	var problems []string
	id := sha256.New()
	// The views number the batches by the Ambiti present (OpenParquet):
	// they are part of what is read, beside the manifests of those read.
	fmt.Fprintf(id, "carico-parquet|%s|%s\n", strings.Join(present, ","), strings.Join(ambiti, ","))
	for _, code := range ambiti {
		sum, p := db.verifyAmbito(ctx, dir, code)
		fmt.Fprintf(id, "%s|%s\n", code, sum)
		problems = append(problems, p...)
	}
	if len(problems) == 0 {
		return hex.EncodeToString(id.Sum(nil)), nil
	}
	const most = 10
	more := ""
	if len(problems) > most {
		more = fmt.Sprintf("\n  … e altri %d", len(problems)-most)
		problems = problems[:most]
	}
	return "", fmt.Errorf("la cartella Parquet %s non corrisponde ai manifesti (_manifest/*.json): i dati non si leggono\n  %s%s",
		dir, strings.Join(problems, "\n  "), more)
}

// verifyAmbito returns the SHA-256 of one Ambito's manifest and the
// problems of its files.
func (db *DB) verifyAmbito(ctx context.Context, dir, code string) (string, []string) {
	path := ManifestPath(dir, code)
	b, err := os.ReadFile(path)
	if err != nil {
		return "", []string{fmt.Sprintf("Ambito %s: manifesto %s mancante o illeggibile", code, rel(dir, path))}
	}
	sum := sha256.Sum256(b)
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil || m.Format != "carico-parquet" {
		return "", []string{fmt.Sprintf("Ambito %s: %s non è un manifesto di carico", code, rel(dir, path))}
	}
	if m.Ambito != code {
		return "", []string{fmt.Sprintf("%s è il manifesto dell'Ambito %q, non di %q", rel(dir, path), m.Ambito, code)}
	}
	var problems []string
	listed := map[string]bool{}
	for _, t := range m.Tables {
		for _, f := range t.Files {
			p := filepath.FromSlash(f.Path)
			listed[filepath.Clean(p)] = true
			if !strings.HasPrefix(filepath.ToSlash(p), t.Name+"/ambito="+code+"/") {
				problems = append(problems, fmt.Sprintf("%s: elencato nel manifesto di %s ma fuori dalla sua cartella", f.Path, code))
				continue
			}
			full := filepath.Join(dir, p)
			sum, err := FileSHA256(full)
			if err != nil {
				problems = append(problems, fmt.Sprintf("%s: elencato nel manifesto ma mancante", f.Path))
				continue
			}
			if sum != f.SHA256 {
				problems = append(problems, fmt.Sprintf("%s: il contenuto non è quello esportato (SHA-256 diverso)", f.Path))
				continue
			}
			var n int64
			if err := db.QueryRowContext(ctx, `SELECT count(*) FROM read_parquet(?)`, full).Scan(&n); err != nil || n != f.Rows {
				problems = append(problems, fmt.Sprintf("%s: %d righe invece delle %d del manifesto", f.Path, n, f.Rows))
			}
		}
	}
	for _, t := range parquetTables {
		root := filepath.Join(dir, t.dir, "ambito="+code)
		filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.EqualFold(filepath.Ext(p), ".parquet") {
				return nil
			}
			if r, _ := filepath.Rel(dir, p); !listed[filepath.Clean(r)] {
				problems = append(problems, fmt.Sprintf("%s: file non elencato nel manifesto (una copia, o un file di un altro Ambito): toglierlo o esportare di nuovo", filepath.ToSlash(r)))
			}
			return nil
		})
	}
	slices.Sort(problems)
	return hex.EncodeToString(sum[:]), problems
}

func rel(dir, path string) string {
	if r, err := filepath.Rel(dir, path); err == nil {
		return filepath.ToSlash(r)
	}
	return path
}
