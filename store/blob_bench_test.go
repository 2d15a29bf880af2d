package store

import (
	"os"
	"path/filepath"
	"testing"
)

// BenchmarkBlobScansOnDisk stores a commune's scans — papers of 300 KB
// (an A4 page scanned to JPEG at 200 dpi), incompressible — and reports
// the disk the database takes per byte of scan once flushed, and the rate.
// A year at a commune desk is about 2,000 dossiers of 2–3 papers: about
// 1.5 GB of scans; disk/byte says what the database adds to that.
func BenchmarkBlobScansOnDisk(b *testing.B) {
	const scan = 300 << 10
	dir := b.TempDir()
	s, err := Open(Options{Dir: dir, Signer: testKey(1), EncryptionKey: make([]byte, 32)})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(scan)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := s.PutBlob(randomBytes(scan, uint64(i)+1)); err != nil {
			b.Fatal(err)
		}
	}
	b.StopTimer()
	if err := s.Close(); err != nil {
		b.Fatal(err)
	}
	var disk int64
	_ = filepath.Walk(dir, func(_ string, info os.FileInfo, err error) error {
		if err == nil && !info.IsDir() {
			disk += info.Size()
		}
		return nil
	})
	b.ReportMetric(float64(disk)/float64(int64(b.N)*scan), "disk/byte")
}
