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
	"runtime"
	"slices"
	"strings"
	"sync"
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
	var listed []ManifestFile
	id := sha256.New()
	// The views number the batches by the Ambiti present (OpenParquet):
	// they are part of what is read, beside the manifests of those read.
	fmt.Fprintf(id, "carico-parquet|%s|%s\n", strings.Join(present, ","), strings.Join(ambiti, ","))
	for _, code := range ambiti {
		sum, files, p := verifyAmbito(dir, code)
		fmt.Fprintf(id, "%s|%s\n", code, sum)
		listed = append(listed, files...)
		problems = append(problems, p...)
	}
	problems = append(problems, db.verifyFiles(ctx, dir, listed)...)
	if len(problems) == 0 {
		return hex.EncodeToString(id.Sum(nil)), nil
	}
	slices.Sort(problems)
	const most = 10
	more := ""
	if len(problems) > most {
		more = fmt.Sprintf("\n  … e altri %d", len(problems)-most)
		problems = problems[:most]
	}
	return "", fmt.Errorf("la cartella Parquet %s non corrisponde ai manifesti (_manifest/*.json): i dati non si leggono\n  %s%s",
		dir, strings.Join(problems, "\n  "), more)
}

// verifyAmbito reads one Ambito's manifest: it returns the manifest's
// SHA-256, the files it lists within the Ambito's directories (for
// verifyFiles), and the problems found without reading them — a file
// listed outside them, a Parquet file there that it does not list.
func verifyAmbito(dir, code string) (string, []ManifestFile, []string) {
	path := ManifestPath(dir, code)
	b, err := os.ReadFile(path)
	if err != nil {
		return "", nil, []string{fmt.Sprintf("Ambito %s: manifesto %s mancante o illeggibile", code, rel(dir, path))}
	}
	sum := sha256.Sum256(b)
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil || m.Format != "carico-parquet" {
		return "", nil, []string{fmt.Sprintf("Ambito %s: %s non è un manifesto di carico", code, rel(dir, path))}
	}
	if m.Ambito != code {
		return "", nil, []string{fmt.Sprintf("%s è il manifesto dell'Ambito %q, non di %q", rel(dir, path), m.Ambito, code)}
	}
	var problems []string
	var files []ManifestFile
	listed := map[string]bool{}
	for _, t := range m.Tables {
		for _, f := range t.Files {
			p := filepath.FromSlash(f.Path)
			listed[filepath.Clean(p)] = true
			if !strings.HasPrefix(filepath.ToSlash(p), t.Name+"/ambito="+code+"/") {
				problems = append(problems, fmt.Sprintf("%s: elencato nel manifesto di %s ma fuori dalla sua cartella", f.Path, code))
				continue
			}
			files = append(files, f)
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
	return hex.EncodeToString(sum[:]), files, problems
}

// verifyFiles checks that every file listed is there with its SHA-256 and
// row count. The files are hashed on every core (a Region's collection is
// a gigabyte or more), and the rows of those whose content matches are
// read from their footers in one query.
func (db *DB) verifyFiles(ctx context.Context, dir string, files []ManifestFile) []string {
	problems := make([]string, len(files))
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(files)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f := files[i]
				switch sum, err := FileSHA256(filepath.Join(dir, filepath.FromSlash(f.Path))); {
				case err != nil:
					problems[i] = fmt.Sprintf("%s: elencato nel manifesto ma mancante", f.Path)
				case sum != f.SHA256:
					problems[i] = fmt.Sprintf("%s: il contenuto non è quello esportato (SHA-256 diverso)", f.Path)
				}
			}
		}()
	}
	for i := range files {
		next <- i
	}
	close(next)
	wg.Wait()
	var paths []string
	for i, f := range files {
		if problems[i] == "" {
			paths = append(paths, filepath.Join(dir, filepath.FromSlash(f.Path)))
		}
	}
	found := map[string]int64{}
	if len(paths) > 0 {
		r, err := db.QueryContext(ctx, fmt.Sprintf(`SELECT file_name, num_rows FROM parquet_file_metadata(%s)`, sqlList(paths)))
		if err != nil {
			return append(problems, fmt.Sprintf("file Parquet illeggibili: %v", err))
		}
		defer r.Close()
		for r.Next() {
			var name string
			var n int64
			if err := r.Scan(&name, &n); err != nil {
				return append(problems, fmt.Sprintf("file Parquet illeggibili: %v", err))
			}
			found[name] = n
		}
		if err := r.Err(); err != nil {
			return append(problems, fmt.Sprintf("file Parquet illeggibili: %v", err))
		}
	}
	for i, f := range files {
		full := filepath.Join(dir, filepath.FromSlash(f.Path))
		if n, ok := found[full]; problems[i] == "" && (!ok || n != f.Rows) {
			problems[i] = fmt.Sprintf("%s: %d righe invece delle %d del manifesto", f.Path, n, f.Rows)
		}
	}
	return slices.DeleteFunc(problems, func(p string) bool { return p == "" })
}

func rel(dir, path string) string {
	if r, err := filepath.Rel(dir, path); err == nil {
		return filepath.ToSlash(r)
	}
	return path
}
