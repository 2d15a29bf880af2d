package seal

import (
	"testing"
	"time"
)

// BenchmarkDeriveDefault measures one argon2id derivation at DefaultKDF,
// the cost of every passphrase or recovery-key unlock (Create pays it
// twice). It reports ms/derive.
func BenchmarkDeriveDefault(b *testing.B) {
	w := newWrap(DefaultKDF)
	secret := []byte(testPassphrase)
	start := time.Now()
	n := 0
	for b.Loop() {
		_, kek, err := w.aead(secret)
		if err != nil {
			b.Fatal(err)
		}
		clear(kek)
		n++
	}
	b.ReportMetric(time.Since(start).Seconds()*1000/float64(n), "ms/derive")
}
