package app

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"testing"
	"time"

	"hoso/catalog"
	"hoso/dossier"
	"hoso/store"
)

// benchDossiers fills an office (38001, or each of offices in turn) with n
// received dossiers, written as events in batches (the receive path's
// checks are measured separately).
func benchDossiers(b *testing.B, e *testEnv, n int, offices ...string) []string {
	b.Helper()
	rng := rand.New(rand.NewPCG(1, 2))
	names := []string{"Nguyễn Thị Hồng", "Trần Văn Bình", "Lê Minh Tuấn", "Phạm Thu Hương", "Hoàng Văn Nam", "Đặng Ngọc Lan", "Bùi Quang Sơn", "Vũ Thị Mai"}
	start := time.Date(2025, 12, 1, 8, 0, 0, 0, time.UTC)
	var codes []string
	var drafts []store.Draft
	for i := 0; i < n; i++ {
		at := start.Add(time.Duration(i) * 2 * time.Minute)
		day := at.In(time.FixedZone("ICT", 7*3600))
		office := "38001"
		if len(offices) > 0 {
			office = offices[i%len(offices)]
		}
		code := fmt.Sprintf("%s-%02d%02d%02d-%04d", office, day.Year()%100, int(day.Month()), day.Day(), 1+i%999)
		code = fmt.Sprintf("%s-%d", code, i/999) // unique even past 999 a day
		body, _ := dossier.Encode(&dossier.Received{
			Code: code, Agency: office,
			Procedure: dossier.ProcedureRef{Code: "1.004837", Name: "Đăng ký giám hộ", Version: 1, TimeLimitWD: 3},
			Applicant: dossier.Applicant{FullName: names[rng.IntN(len(names))] + fmt.Sprintf(" %d", i%97), CitizenID: fmt.Sprintf("038%09d", i)},
			Channel:   dossier.ChannelInPerson, Sets: 1, ReceivedAt: at, Due: at.Add(72 * time.Hour),
			Documents: []dossier.ReceivedDocument{{Name: "Tờ khai", Form: catalog.FormOriginal, Count: 1}},
			Book:      dossier.Book{Volume: "2026", Number: i + 1},
		})
		drafts = append(drafts, store.Draft{Actor: "bench", Owner: office, Kind: string(dossier.KindReceived), Subject: dossierPrefix + code, Body: body})
		codes = append(codes, code)
	}
	appendInBatches(b, e.st, drafts)
	return codes
}

// appendInBatches appends drafts 100 at a time (a transaction holds at most 15% of a 4 MB memtable).
func appendInBatches(b *testing.B, st *store.Store, drafts []store.Draft) {
	b.Helper()
	for start := 0; start < len(drafts); start += 100 {
		if _, err := st.AppendBatch(drafts[start:min(start+100, len(drafts))]); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkSearch reports the p50 and p95 latency of typical searches over
// a large office: 20k dossiers, or 200k with HOSO_BENCH_LARGE=1.
func BenchmarkSearch(b *testing.B) {
	n := 20_000
	if os.Getenv("HOSO_BENCH_LARGE") != "" {
		n = 200_000
	}
	e := newEnv(b)
	admin := e.setup(b)
	t0 := time.Now()
	codes := benchDossiers(b, e, n)
	b.Logf("built %d dossiers in %v", n, time.Since(t0))
	queries := []SearchRequest{
		{Query: "nguyen thi hong"}, {Query: "hong"}, {Query: codes[n/2]}, {Query: "038000001234"},
		{Status: "received"}, {Overdue: true}, {Query: "tran van binh 4"}, {},
	}
	b.ResetTimer()
	var lat []time.Duration
	for i := 0; i < b.N; i++ {
		q := queries[i%len(queries)]
		raw, _ := json.Marshal(q)
		t := time.Now()
		if _, err := e.s.CallAs(b.Context(), admin, false, "Dossiers.Search", raw); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t))
	}
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*95/100].Microseconds())/1000, "p95-ms")
}

// BenchmarkReceive measures Dossiers.Receive end to end (checks, numbering,
// calendar, signing, projection and indexes).
func BenchmarkReceive(b *testing.B) {
	e := newEnv(b)
	admin := e.setup(b)
	e.mustCall(b, admin, "Users.Save", SaveUserRequest{Username: "clerk", FullName: "C", Office: "38001", Roles: []Role{RoleClerk}, Password: "12345678"}, nil)
	var l LoginReply
	e.mustCall(b, "", "Auth.Login", LoginRequest{Username: "clerk", Password: "12345678"}, &l)
	req, _ := json.Marshal(ReceiveRequest{Procedure: "1.004837", Applicant: dossier.Applicant{FullName: "Nguyễn Thị Hồng", CitizenID: "038095001234"},
		Documents: []dossier.ReceivedDocument{{Name: "Tờ khai", Form: catalog.FormOriginal, Count: 1}}})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		// 999 a desk a day: move the clock a day every 900 receptions.
		e.now = time.Date(2026, 1, 5, 2, 0, 0, 0, time.UTC).AddDate(0, 0, i/900)
		if _, err := e.s.CallAs(b.Context(), l.Session, false, "Dossiers.Receive", req); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "dossiers/s")
}
