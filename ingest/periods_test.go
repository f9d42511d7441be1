package ingest

import "testing"

// TestStaffPeriods: an operator's rows with another start are another
// contract period; contract_period keeps them all, operator and
// allocation the latest, and a re-import changes nothing.
func TestStaffPeriods(t *testing.T) {
	db := openDB(t, "")
	im := &Importer{DB: db, Secret: testSecret}
	importAll(t, im, "population")
	res, err := importFixture(t, im, "personale_periodi")
	if err != nil {
		t.Fatal(err)
	}
	if res.Inserted != 6 || res.Rejected != 1 {
		t.Errorf("import = %+v, want 6 rows inserted and 1 rejected", res)
	}
	if len(res.Rejections) != 1 || res.Rejections[0].Value != "Ente pubblico X" {
		t.Errorf("rejections = %+v, want the unknown employer", res.Rejections)
	}
	periods := `SELECT operator_id, istat, start_date::VARCHAR, end_date::VARCHAR, weekly_hours, contract, employer, social_services, share
		FROM contract_period ORDER BY ALL`
	want := "B1|016091|2024-03-01|2025-02-28|36|determinato|associazione|true|1\n" +
		"B1|016091|2025-03-01|<nil>|36|indeterminato|associazione|true|1\n" +
		"R1|016024|2020-02-01|2025-09-30|18|indeterminato|comune|true|1\n" +
		"R1|016024|2025-10-01|<nil>|36|indeterminato|comune|true|0.5\n" +
		"R1|016091|2025-10-01|<nil>|36|indeterminato|comune|true|0.5\n" +
		"V1|016024|<nil>|<nil>|36|indeterminato|azienda_sanitaria_rimborsata|false|1"
	if got := query(t, db, periods); got != want {
		t.Errorf("contract periods:\n%s\nwant:\n%s", got, want)
	}
	current := `SELECT o.id, o.weekly_hours, o.contract, o.start_date::VARCHAR, o.end_date::VARCHAR, a.istat, a.share
		FROM operator o JOIN allocation a ON a.operator_id = o.id ORDER BY ALL`
	wantCurrent := "B1|36|indeterminato|2024-03-01|<nil>|016091|1\n" +
		"R1|36|indeterminato|2020-02-01|<nil>|016024|0.5\n" +
		"R1|36|indeterminato|2020-02-01|<nil>|016091|0.5\n" +
		"V1|36|indeterminato|<nil>|<nil>|016024|1"
	if got := query(t, db, current); got != wantCurrent {
		t.Errorf("operators at their latest period:\n%s\nwant:\n%s", got, wantCurrent)
	}
	again, err := importFixture(t, im, "personale_periodi")
	if err != nil {
		t.Fatal(err)
	}
	if again.Inserted != 0 || again.Updated != 0 || again.Unchanged != 6 {
		t.Errorf("re-import = %+v, want 6 unchanged", again)
	}
	if got := query(t, db, periods); got != want {
		t.Errorf("contract periods changed on re-import:\n%s", got)
	}
}

// TestStaffPeriodsKeepEmployer: a roster without the employer column
// keeps the employer recorded before.
func TestStaffPeriodsKeepEmployer(t *testing.T) {
	db := openDB(t, "")
	im := &Importer{DB: db, Secret: testSecret}
	importAll(t, im, "population")
	if _, err := importFixture(t, im, "personale_periodi"); err != nil {
		t.Fatal(err)
	}
	p, err := ParseProfile([]byte(`name = "senza datore"
kind = "staff"
delimiter = ";"
[columns]
operator_id = "Matricola"
operator = "Operatore"
role = "Qualifica"
weekly_hours = "Ore settimanali"
contract = "Contratto"
start = "Dal"
end = "Al"
comune = "Comune"
share = "Quota"
[formats]
date = "dd/mm/yyyy"
`))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := im.Import(t.Context(), "testdata/personale_periodi.csv", p, "senza-datore.toml"); err != nil {
		t.Fatal(err)
	}
	got := query(t, db, `SELECT operator_id, employer, social_services FROM contract_period WHERE operator_id IN ('B1', 'V1') ORDER BY ALL`)
	want := "B1|associazione|true\nB1|associazione|true\nV1|azienda_sanitaria_rimborsata|false"
	if got != want {
		t.Errorf("employers after a roster without them:\n%s\nwant:\n%s", got, want)
	}
}
