package clickhouse_test

import (
	"context"
	"fmt"
	"math"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/carico/carico/analytics"
	"github.com/carico/carico/clickhouse"
	"github.com/carico/carico/internal/sampledb"
	"github.com/carico/carico/model"
	"github.com/carico/carico/regional"
	sampledata "github.com/carico/carico/sample-data"
	"github.com/carico/carico/store"
)

// TestClusterAggregates loads the sample Ambito into a real two-shard
// ClickHouse cluster on loopback, checks that the sharded tables' rows
// landed on both shards and none was lost, and that the regional
// aggregates computed there equal those computed by the same SQL in
// DuckDB and carico's own figures: the model's time split, open cartelle
// and LEPS position, and the analysis's monthly flows. Without
// clickhouse-server it is skipped, except under CI, where it must run.
func TestClusterAggregates(t *testing.T) {
	if testing.Short() {
		t.Skip("imports the whole sample Ambito and starts two servers")
	}
	bin := serverBinary(t)
	ctx := context.Background()
	cl := startCluster(t, bin)

	a := sampledata.Generate(sampledata.DefaultSeed)
	db := sampledb.Load(t, a)
	tables, err := store.ExportCSV(ctx, db, t.TempDir(), []byte("chiave di prova del cluster......"))
	if err != nil {
		t.Fatal(err)
	}
	if err := cl.Load(ctx, tables); err != nil {
		t.Fatal(err)
	}

	for _, table := range []string{"activity", "cases", "assignment"} {
		var want int64
		if err := db.QueryRowContext(ctx, "SELECT count(*) FROM "+table).Scan(&want); err != nil {
			t.Fatal(err)
		}
		var sum int64
		for i, n := range cl.Nodes {
			rows, err := n.Query(ctx, "SELECT count() FROM "+table+"_local")
			if err != nil {
				t.Fatal(err)
			}
			got, _ := strconv.ParseInt(rows[0][0], 10, 64)
			if got == 0 || got == want {
				t.Errorf("%s: shard %d holds %d of %d rows", table, i+1, got, want)
			}
			sum += got
		}
		if sum != want {
			t.Errorf("%s: the shards hold %d rows, the database %d", table, sum, want)
		}
	}

	p := regionParams()
	onCluster, inDuckDB := bothEngines(t, cl, db, p)
	for i := range onCluster.TimeSplit {
		onCluster.TimeSplit[i].Ambito = "" // a carico database is one Ambito
	}
	compareAggregates(t, onCluster, inDuckDB)

	m, err := model.Compute(ctx, db, model.Params{From: p.From, To: p.To, At: p.At})
	if err != nil {
		t.Fatal(err)
	}
	an, err := analytics.Analyze(ctx, db, analytics.Params{Workload: m})
	if err != nil {
		t.Fatal(err)
	}
	compareWithCarico(t, onCluster, m, an)
}

// compareAggregates checks two engines' aggregates cell by cell, sums of
// FTE to 1e-9.
func compareAggregates(t testing.TB, got, want *regional.Aggregates) {
	t.Helper()
	if fmt.Sprint(got.TimeSplit) != fmt.Sprint(want.TimeSplit) || len(got.TimeSplit) == 0 {
		t.Errorf("time split: ClickHouse %d cells, DuckDB %d, or different", len(got.TimeSplit), len(want.TimeSplit))
	}
	if fmt.Sprint(got.OpenCases) != fmt.Sprint(want.OpenCases) || len(got.OpenCases) == 0 {
		t.Errorf("open cartelle: ClickHouse %v\nDuckDB %v", got.OpenCases, want.OpenCases)
	}
	if fmt.Sprint(got.Flows) != fmt.Sprint(want.Flows) || len(got.Flows) != 12 {
		t.Errorf("flows: ClickHouse %v\nDuckDB %v", got.Flows, want.Flows)
	}
	if len(got.Staffing) != len(want.Staffing) {
		t.Fatalf("staffing: ClickHouse %d rows, DuckDB %d", len(got.Staffing), len(want.Staffing))
	}
	for i, g := range got.Staffing {
		w := want.Staffing[i]
		if g.ISTAT != w.ISTAT || g.Residents != w.Residents || !near(g.SocialWorkerFTE, w.SocialWorkerFTE) || !near(g.PermanentFTE, w.PermanentFTE) || g.LEPS.Status != w.LEPS.Status {
			t.Errorf("staffing: ClickHouse %+v\nDuckDB %+v", g, w)
		}
	}
}

// compareWithCarico checks the aggregates against what the model and the
// analysis computed on the same data.
func compareWithCarico(t *testing.T, agg *regional.Aggregates, m *model.Metrics, an *analytics.Analysis) {
	t.Helper()
	minutes := map[string]int64{}
	for _, c := range agg.TimeSplit {
		minutes[fmt.Sprintf("%s %d %s", c.Operator, c.Month, c.Kind)] += c.Minutes
	}
	checked := 0
	for _, s := range m.Monthly.Operators {
		for _, pt := range s.Points {
			month, _ := strconv.Atoi(pt.Month[:4] + pt.Month[5:])
			for kind, v := range pt.Minutes {
				key := fmt.Sprintf("%s %d %s", s.ID, month, kind)
				if minutes[key] != v {
					t.Errorf("time split %s: %d minutes on the cluster, %d in the model", key, minutes[key], v)
				}
				delete(minutes, key)
				checked++
			}
		}
	}
	for key, v := range minutes {
		if v != 0 {
			t.Errorf("time split %s: %d minutes on the cluster, none in the model", key, v)
		}
	}
	open := map[string]int{}
	for _, c := range agg.OpenCases {
		open[c.ISTAT] += int(c.N)
	}
	staff := map[string]regional.Staffing{}
	for _, s := range agg.Staffing {
		staff[s.ISTAT] = s
	}
	for _, c := range m.Comuni {
		s := staff[c.ISTAT]
		if open[c.ISTAT] != c.OpenCases || s.Residents != c.Residents || !near(s.SocialWorkerFTE, c.SocialWorkerFTE) ||
			!near(s.PermanentFTE, c.PermanentSocialWorkerFTE) || s.LEPS.Status != c.Status {
			t.Errorf("comune %s: cluster %d open, %+v; model %d open, %+v", c.Name, open[c.ISTAT], s, c.OpenCases, c.LEPSFigures)
		}
	}
	amb := staff[""]
	if amb.Residents != m.Ambito.Residents || !near(amb.PermanentFTE, m.Ambito.PermanentSocialWorkerFTE) || amb.LEPS.Status != m.Ambito.Status {
		t.Errorf("Ambito: cluster %+v; model %+v", amb, m.Ambito.LEPSFigures)
	}
	flows := map[int]regional.MonthFlow{}
	for _, f := range agg.Flows {
		flows[f.Month] = f
	}
	for _, f := range an.Flows {
		month, _ := strconv.Atoi(f.Month[:4] + f.Month[5:])
		if g := flows[month]; g.Opened != int64(f.Opened) || g.Closed != int64(f.Closed) {
			t.Errorf("flows %s: cluster %d opened, %d closed; analysis %d, %d", f.Month, g.Opened, g.Closed, f.Opened, f.Closed)
		}
	}
	if checked < 100 || len(m.Comuni) == 0 || len(an.Flows) != 12 {
		t.Fatalf("too little compared: %d time cells, %d comuni, %d months", checked, len(m.Comuni), len(an.Flows))
	}
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b)) }

// serverBinary finds clickhouse-server; without it the test skips, unless
// CI is set: CI installs it and must run the test.
func serverBinary(t testing.TB) string {
	for _, p := range []string{"clickhouse-server", "/usr/sbin/clickhouse-server", "/usr/bin/clickhouse-server"} {
		if bin, err := exec.LookPath(p); err == nil {
			return bin
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("clickhouse-server not found, and CI must run this test (.ci/run installs it)")
	}
	t.Skip("clickhouse-server not installed (apt-get install clickhouse-server)")
	return ""
}

// startCluster starts two clickhouse-server processes on loopback, each
// with its own ports and data directory and the same remote_servers
// configuration naming them as the two shards of the cluster "carico".
// They stop when the test ends.
func startCluster(t testing.TB, bin string) clickhouse.Cluster {
	t.Helper()
	ports := freePorts(t, 4)
	cl := clickhouse.Cluster{Name: "carico"}
	for i := range 2 {
		dir := t.TempDir()
		http, tcp := ports[2*i], ports[2*i+1]
		config := fmt.Sprintf(configXML, dir, http, tcp, ports[1], ports[3])
		if err := os.WriteFile(filepath.Join(dir, "config.xml"), []byte(config), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, "users.xml"), []byte(usersXML), 0o644); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(bin, "--config-file="+filepath.Join(dir, "config.xml"))
		log, err := os.Create(filepath.Join(dir, "stdout.log"))
		if err != nil {
			t.Fatal(err)
		}
		cmd.Stdout, cmd.Stderr = log, log
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() {
			cmd.Process.Kill()
			cmd.Wait()
			log.Close()
		})
		n := clickhouse.Node{URL: fmt.Sprintf("http://127.0.0.1:%d/", http)}
		waitReady(t, n, dir)
		cl.Nodes = append(cl.Nodes, n)
	}
	return cl
}

func waitReady(t testing.TB, n clickhouse.Node, dir string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(n.URL + "ping"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	log, _ := os.ReadFile(filepath.Join(dir, "stdout.log"))
	errLog, _ := os.ReadFile(filepath.Join(dir, "err.log"))
	t.Fatalf("clickhouse-server in %s did not start:\n%s\n%s", dir, log, errLog)
}

func freePorts(t testing.TB, n int) []int {
	t.Helper()
	var ports []int
	var ls []net.Listener
	for range n {
		l, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ls = append(ls, l)
		ports = append(ports, l.Addr().(*net.TCPAddr).Port)
	}
	for _, l := range ls {
		l.Close()
	}
	return ports
}

// configXML is a server's configuration: its directory (%[1]s), HTTP and
// native ports (%[2]d, %[3]d) and the native ports of the two shards.
const configXML = `<yandex>
  <logger><level>warning</level><log>%[1]s/server.log</log><errorlog>%[1]s/err.log</errorlog></logger>
  <http_port>%[2]d</http_port>
  <tcp_port>%[3]d</tcp_port>
  <listen_host>127.0.0.1</listen_host>
  <path>%[1]s/data/</path>
  <tmp_path>%[1]s/tmp/</tmp_path>
  <user_files_path>%[1]s/files/</user_files_path>
  <format_schema_path>%[1]s/schemas/</format_schema_path>
  <users_config>%[1]s/users.xml</users_config>
  <default_profile>default</default_profile>
  <default_database>default</default_database>
  <mark_cache_size>268435456</mark_cache_size>
  <remote_servers>
    <carico>
      <shard><replica><host>127.0.0.1</host><port>%[4]d</port></replica></shard>
      <shard><replica><host>127.0.0.1</host><port>%[5]d</port></replica></shard>
    </carico>
  </remote_servers>
</yandex>
`

const usersXML = `<yandex>
  <profiles><default><max_memory_usage>2000000000</max_memory_usage></default></profiles>
  <users><default><password></password><networks><ip>127.0.0.1</ip><ip>::1</ip></networks><profile>default</profile><quota>default</quota></default></users>
  <quotas><default></default></quotas>
</yandex>
`
