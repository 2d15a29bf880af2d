package store

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Benchmarks print figures (make bench); they assert nothing about speed.

func benchStore(b *testing.B, dir string, seed byte) *Store {
	b.Helper()
	s, err := Open(Options{Dir: dir, Signer: testKey(seed), Projections: []Projection{chainProjection{}}})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// benchDraft is event i of a history spread over 100 offices, five events
// per dossier, each dossier owned by one office.
func benchDraft(i int) Draft {
	office := i % 100
	return Draft{
		Actor: "clerk-01", Owner: fmt.Sprintf("38%03d", office), Kind: "dossier.received",
		Subject: fmt.Sprintf("d/38%03d-261127-%06d", office, i/500),
		Body:    []byte(`{"applicant":"Nguyễn Thị Hồng Nhung","citizenId":"038095001234","procedure":"1.001193","channel":"direct"}`),
	}
}

func BenchmarkAppendOne(b *testing.B) {
	s := benchStore(b, b.TempDir(), 1)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.Append(benchDraft(i)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

func BenchmarkAppendBatch100(b *testing.B) {
	s := benchStore(b, b.TempDir(), 1)
	ds := make([]Draft, 100)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for j := range ds {
			ds[j] = benchDraft(i*100 + j)
		}
		if _, err := s.AppendBatch(ds); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*100)/b.Elapsed().Seconds(), "events/s")
}

// signedEvents returns n events written by a throwaway in-memory device.
func signedEvents(b *testing.B, n int, seed byte) []*Event {
	b.Helper()
	w, err := Open(Options{InMemory: true, Signer: testKey(seed), memTableSize: 64 << 20})
	if err != nil {
		b.Fatal(err)
	}
	defer w.Close()
	var out []*Event
	ds := make([]Draft, 0, 500)
	for i := 0; i < n; i++ {
		ds = append(ds, benchDraft(i))
		if len(ds) == cap(ds) || i == n-1 {
			evs, err := w.AppendBatch(ds)
			if err != nil {
				b.Fatal(err)
			}
			out = append(out, evs...)
			ds = ds[:0]
		}
	}
	return out
}

func BenchmarkIngest10k(b *testing.B) {
	evs := signedEvents(b, 10_000, 2)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		s := benchStore(b, b.TempDir(), 1)
		b.StartTimer()
		if _, err := s.Ingest(evs); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(evs))/b.Elapsed().Seconds(), "events/s")
}

// BenchmarkLateEventRefold measures an event that arrives "in the past" of
// a subject with n events, forcing a re-fold.
func BenchmarkLateEventRefold(b *testing.B) {
	for _, n := range []int{10, 100, 1000} {
		b.Run(fmt.Sprintf("subject=%d", n), func(b *testing.B) {
			early := signedEvents(b, 1, 3)[0] // the oldest clock reading
			s := benchStore(b, b.TempDir(), 1)
			for i := 0; i < b.N; i++ {
				b.StopTimer()
				subj := fmt.Sprintf("d/late-%d", i)
				ds := make([]Draft, n)
				for j := range ds {
					ds[j] = Draft{Owner: "38001", Kind: "k", Subject: subj, Body: []byte(`{}`)}
				}
				if _, err := s.AppendBatch(ds); err != nil {
					b.Fatal(err)
				}
				late := &Event{Origin: early.Origin, Seq: uint64(i + 1), HLC: early.HLC, Owner: "38001", Kind: "late", Subject: subj}
				sign(late, testKey(3))
				b.StartTimer()
				if _, err := s.Ingest([]*Event{late}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkDiskAndMemory writes 100k events to disk and reports bytes per
// event on disk and the process's peak resident memory.
func BenchmarkDiskAndMemory(b *testing.B) {
	for i := 0; i < b.N; i++ {
		dir := b.TempDir()
		s, err := Open(Options{Dir: dir, Signer: testKey(1), Projections: []Projection{chainProjection{}}})
		if err != nil {
			b.Fatal(err)
		}
		const n = 100_000
		ds := make([]Draft, 0, 1000)
		for j := 0; j < n; j++ {
			ds = append(ds, benchDraft(j))
			if len(ds) == cap(ds) {
				if _, err := s.AppendBatch(ds); err != nil {
					b.Fatal(err)
				}
				ds = ds[:0]
			}
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
		// Reopen so Badger compacts what the close flushed, then measure.
		s, _ = Open(Options{Dir: dir})
		s.db.Flatten(2)
		s.db.RunValueLogGC(0.5)
		s.Close()
		var size int64
		filepath.Walk(dir, func(_ string, fi os.FileInfo, err error) error {
			if err == nil && !fi.IsDir() {
				size += fi.Size()
			}
			return nil
		})
		b.ReportMetric(float64(size)/n, "disk-bytes/event")
	}
	b.ReportMetric(peakRSSMB(), "peak-RSS-MB")
}

// peakRSSMB reads the process's peak resident set from /proc.
func peakRSSMB() float64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(f), "kB")))
			return float64(kb) / 1024
		}
	}
	return 0
}
