package app

import (
	"encoding/json"
	"os"
	"slices"
	"testing"
	"time"
)

// BenchmarkListFirstPage measures what the dossier list asks for when it
// opens (issue 19 §4): page 1 of 20, newest first, with the count the list
// shows, and the same page without the count, over an office of 20k
// dossiers, or 150k with HOSO_BENCH_LARGE=1 (the dossiers of a million
// events). It reports the median and the worst of the calls.
func BenchmarkListFirstPage(b *testing.B) {
	n := 20_000
	if os.Getenv("HOSO_BENCH_LARGE") != "" {
		n = 150_000
	}
	e := newEnv(b)
	admin := e.setup(b)
	t0 := time.Now()
	benchDossiers(b, e, n)
	b.Logf("built %d dossiers in %v", n, time.Since(t0))
	for _, c := range []struct {
		name string
		req  SearchRequest
	}{
		{"counted", SearchRequest{Page: 1, PageSize: 20, Count: true}},
		{"page", SearchRequest{Page: 1, PageSize: 20}},
	} {
		raw, _ := json.Marshal(c.req)
		b.Run(c.name, func(b *testing.B) {
			var lat []time.Duration
			for b.Loop() {
				t := time.Now()
				var reply SearchReply
				out, err := e.s.CallAs(b.Context(), admin, false, "Dossiers.Search", raw)
				if err != nil {
					b.Fatal(err)
				}
				reply = out.(SearchReply)
				if len(reply.Items) != 20 {
					b.Fatalf("%d items on the first page", len(reply.Items))
				}
				lat = append(lat, time.Since(t))
			}
			slices.Sort(lat)
			b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
			b.ReportMetric(float64(lat[len(lat)-1].Microseconds())/1000, "max-ms")
		})
	}
}
