package app

import (
	"encoding/json"
	"fmt"
	"os"
	"testing"
	"time"

	"hoso/dossier"
	"hoso/store"
)

// benchProvince builds a province subtree under 38001: 200 communes below
// it and n dossiers spread over them, two in three resolved.
func benchProvince(b *testing.B, n int) (*testEnv, string) {
	b.Helper()
	e := newEnv(b)
	admin := e.setup(b)
	var offices []string
	var drafts []store.Draft
	for i := range 200 {
		code := fmt.Sprintf("38%03d", 100+i)
		offices = append(offices, code)
		drafts = append(drafts, store.Draft{Actor: "bench", Owner: "38001", Kind: kindOfficeSave, Subject: officePrefix + code,
			Body: mustJSON(OfficeRecord{Name: fmt.Sprintf("UBND xã Thử %d", i), Parent: "38001"})})
	}
	appendInBatches(b, e.st, drafts)
	t0 := time.Now()
	codes := benchDossiers(b, e, n, offices...)
	drafts = drafts[:0]
	for i, code := range codes {
		if i%3 == 2 {
			continue
		}
		body, _ := dossier.Encode(&dossier.ResultAtDesk{})
		drafts = append(drafts, store.Draft{Actor: "bench", Owner: offices[i%len(offices)], Kind: string(dossier.KindResultAtDesk), Subject: dossierPrefix + code, Body: body})
	}
	appendInBatches(b, e.st, drafts)
	b.Logf("built %d dossiers in 200 communes in %v", n, time.Since(t0))
	return e, admin
}

// coldCall times the first call, which reads every fact from the store;
// the benchmark loop then measures calls on the cached facts.
func coldCall(b *testing.B, e *testEnv, session, method string, raw []byte) time.Duration {
	b.Helper()
	t0 := time.Now()
	if _, err := e.s.CallAs(b.Context(), session, false, method, raw); err != nil {
		b.Fatal(err)
	}
	return time.Since(t0)
}

// benchReportSize is 20k dossiers, 200k with HOSO_BENCH_LARGE=1.
func benchReportSize() int {
	if os.Getenv("HOSO_BENCH_LARGE") != "" {
		return 200_000
	}
	return 20_000
}

// BenchmarkII06aProvince computes II.06a for a subtree of 200 communes
// (goal: under 1 s at 200k dossiers): cold-ms is the first report, which
// reads the facts; ms/report the next ones.
func BenchmarkII06aProvince(b *testing.B) {
	e, admin := benchProvince(b, benchReportSize())
	raw, _ := json.Marshal(ReportRequest{Office: "38001", Period: "2026"})
	cold := coldCall(b, e, admin, "Reports.II06a", raw)
	b.ResetTimer()
	for b.Loop() {
		res, err := e.s.CallAs(b.Context(), admin, false, "Reports.II06a", raw)
		if err != nil {
			b.Fatal(err)
		}
		if rep := res.(II06aReply); rep.Total.Counts.Col(3) == 0 {
			b.Fatal("nothing counted")
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/report")
	// Reported after the loop: ResetTimer drops metrics reported before it.
	b.ReportMetric(float64(cold.Milliseconds()), "cold-ms")
}

// BenchmarkDashboardProvince loads the targets dashboard for the same
// subtree (goal: under 300 ms).
func BenchmarkDashboardProvince(b *testing.B) {
	e, admin := benchProvince(b, benchReportSize())
	raw, _ := json.Marshal(ReportRequest{Office: "38001", Period: "2026Q4"})
	cold := coldCall(b, e, admin, "Reports.Dashboard", raw)
	b.ResetTimer()
	for b.Loop() {
		if _, err := e.s.CallAs(b.Context(), admin, false, "Reports.Dashboard", raw); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "ms/load")
	b.ReportMetric(float64(cold.Milliseconds()), "cold-ms")
}
