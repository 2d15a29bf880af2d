//go:build unix

package store

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"syscall"
	"testing"
	"time"

	"github.com/dgraph-io/badger/v4"
)

// crashPerOrigin is how many events each device of the crash pool wrote.
const crashPerOrigin = 1000

// crashPool is a fixed set of events from five devices: every process that
// builds it gets the same bytes, so re-ingesting after a crash is a
// duplicate, never an equivocation.
func crashPool(t testing.TB) []*Event {
	t.Helper()
	var out []*Event
	for seed := byte(1); seed <= 5; seed++ {
		s, err := Open(Options{InMemory: true, Signer: testKey(seed), Now: fixedClock(epoch), memTableSize: 8 << 20})
		if err != nil {
			t.Fatal(err)
		}
		for i := 0; i < crashPerOrigin; i += 100 {
			var ds []Draft
			for j := i; j < i+100; j++ {
				ds = append(ds, draft(fmt.Sprintf("d/%d", j%40), fmt.Sprintf("k%d", j), fmt.Sprintf("3800%d", seed)))
			}
			evs, err := s.AppendBatch(ds)
			if err != nil {
				t.Fatal(err)
			}
			out = append(out, evs...)
		}
		s.Close()
	}
	return out
}

// TestCrashChild is the process the crash test kills; it does nothing
// unless started by TestCrashRecovery.
func TestCrashChild(t *testing.T) {
	dir := os.Getenv("HOSO_CRASH_DIR")
	if dir == "" {
		t.Skip("runs only as the child of TestCrashRecovery")
	}
	raw, err := os.ReadFile(os.Getenv("HOSO_CRASH_POOL"))
	if err != nil {
		t.Fatal(err)
	}
	pool, err := DecodeBatch(raw)
	if err != nil {
		t.Fatal(err)
	}
	s, err := Open(Options{Dir: dir, Projections: []Projection{chainProjection{}}, memTableSize: 8 << 20})
	if err != nil {
		fmt.Println("open failed:", err)
		os.Exit(3)
	}
	rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
	fmt.Println("ready")
	for {
		k := 20 + rng.IntN(200)
		start := rng.IntN(len(pool) - k)
		batch := append([]*Event(nil), pool[start:start+k]...)
		rng.Shuffle(len(batch), func(a, b int) { batch[a], batch[b] = batch[b], batch[a] })
		if _, err := s.Ingest(batch); err != nil {
			fmt.Println("ingest failed:", err)
			os.Exit(4)
		}
		fmt.Println("committed")
	}
}

func TestCrashRecovery(t *testing.T) {
	if testing.Short() {
		t.Skip("kills 50 processes")
	}
	// Its own folder and child processes: it overlaps the package's other
	// tests instead of adding its ~40 s after them.
	t.Parallel()
	pool := crashPool(t)
	dir := t.TempDir()
	poolFile := dir + ".pool"
	if err := os.WriteFile(poolFile, EncodeBatch(pool), 0o600); err != nil {
		t.Fatal(err)
	}
	defer os.Remove(poolFile)
	rng := rand.New(rand.NewPCG(7, 7))
	prev, grew, commits := 0, 0, 0
	for round := 0; round < 50; round++ {
		cmd := exec.Command(os.Args[0], "-test.run=^TestCrashChild$", "-test.count=1")
		cmd.Env = append(os.Environ(), "HOSO_CRASH_DIR="+dir, "HOSO_CRASH_POOL="+poolFile)
		stdout, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		lines := make(chan string, 1024)
		go func() {
			sc := bufio.NewScanner(stdout)
			for sc.Scan() {
				lines <- sc.Text()
			}
			close(lines)
		}()
		// Kill at a random moment after the store is open and writing.
		var log []string
		deadline := time.After(20 * time.Second)
	wait:
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					t.Fatalf("round %d: the child ended early: %v", round, log)
				}
				log = append(log, l)
				if l == "ready" {
					break wait
				}
			case <-deadline:
				t.Fatalf("round %d: the child never became ready", round)
			}
		}
		// Every other round also waits for the child's first commit, so
		// that on a loaded machine (a child slow to write) the store still
		// grows in enough rounds for the test to prove something; the
		// kill still falls at a random moment of a later batch.
		if rng.IntN(2) == 1 {
			for l := range lines {
				if l == "committed" {
					commits++
					break
				}
			}
		}
		time.Sleep(time.Duration(rng.IntN(120)) * time.Millisecond)
		cmd.Process.Signal(syscall.SIGKILL)
		for l := range lines {
			if l == "committed" {
				commits++
			}
		}
		cmd.Wait()
		if st, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !st.Signaled() {
			t.Fatalf("round %d: the child ended by itself: %v", round, log)
		}
		n := checkInvariants(t, dir, pool, round)
		if n > prev {
			grew++
		}
		prev = n
	}
	// A test whose child never got to write would prove nothing.
	if grew < 10 {
		t.Fatalf("the store grew in only %d of 50 rounds; the child is killed before it writes", grew)
	}
	t.Logf("50 kills after %d committed batches; the store grew in %d rounds, to %d of %d events", commits, grew, prev, len(pool))
	// Finally everything arrives: the vector covers every origin whole.
	s, err := Open(Options{Dir: dir, Projections: []Projection{chainProjection{}}, memTableSize: 8 << 20})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, err := s.Ingest(pool); err != nil {
		t.Fatal(err)
	}
	for o, v := range s.Vector() {
		if v != crashPerOrigin {
			t.Fatalf("origin %s at %d after the full pool", o, v)
		}
	}
}

// checkInvariants reopens the folder after a crash: it must open, every
// stored event must be intact and from the pool, the vector must be exactly
// each origin's contiguous prefix, the subject index must match the log, and
// every projection must equal a fresh fold of its events.
func checkInvariants(t *testing.T, dir string, pool []*Event, round int) int {
	t.Helper()
	s, err := Open(Options{Dir: dir, Projections: []Projection{chainProjection{}}, memTableSize: 8 << 20})
	if err != nil {
		t.Fatalf("round %d: reopen failed: %v", round, err)
	}
	defer s.Close()
	want := map[place][]byte{}
	for _, e := range pool {
		want[place{e.Origin, e.Seq}] = e.Raw()
	}
	seqs := map[Origin]map[uint64]bool{}
	nSubject := 0
	err = s.db.View(func(txn *badger.Txn) error {
		it := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{prefixChunk}, PrefetchValues: true})
		defer it.Close()
		lastOf := map[Origin]uint64{}
		for it.Rewind(); it.Valid(); it.Next() {
			k := it.Item().KeyCopy(nil)
			v, _ := it.Item().ValueCopy(nil)
			var o Origin
			copy(o[:], k[1:])
			c, err := decodeChunk(v, binary.BigEndian.Uint64(k[1+OriginLen:]))
			if err != nil {
				return fmt.Errorf("chunk %x: %v", k, err)
			}
			if c.first() <= lastOf[o] {
				return fmt.Errorf("chunk %x overlaps the one before (ending at %d)", k, lastOf[o])
			}
			lastOf[o] = c.last()
			for i := range c.seqs {
				seq, raw := c.eventAt(i)
				if !bytes.Equal(want[place{o, seq}], raw) {
					return fmt.Errorf("stored event %s seq %d is not the pool's", o, seq)
				}
				if seqs[o] == nil {
					seqs[o] = map[uint64]bool{}
				}
				seqs[o][seq] = true
			}
		}
		sit := txn.NewIterator(badger.IteratorOptions{Prefix: []byte{prefixSubject}})
		defer sit.Close()
		for sit.Rewind(); sit.Valid(); sit.Next() {
			subject := string(sit.Item().Key()[1:])
			err := sit.Item().Value(func(v []byte) error {
				r, err := decodeSubjectRecord(subject, v)
				nSubject += len(r.events)
				return err
			})
			if err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("round %d: %v", round, err)
	}
	total := 0
	for o, set := range seqs {
		total += len(set)
		contiguous := uint64(0)
		for set[contiguous+1] {
			contiguous++
		}
		if got := s.Vector()[o]; got != contiguous {
			t.Fatalf("round %d: vector[%s] = %d, stored events are contiguous to %d", round, o, got, contiguous)
		}
	}
	if nSubject != total {
		t.Fatalf("round %d: %d subject entries for %d events", round, nSubject, total)
	}
	// Each subject's events in the order its index record gives, taken
	// from the pool: the scan above found every stored event byte for
	// byte equal to the pool's, so reading them again through Events (a
	// log seek and a signature check per event) proved nothing more and
	// was five sixths of the test's CPU.
	poolAt := map[place]*Event{}
	for _, e := range pool {
		poolAt[place{e.Origin, e.Seq}] = e
	}
	for i := 0; i < 40; i++ {
		subj := fmt.Sprintf("d/%d", i)
		var evs []*Event
		err := s.db.View(func(txn *badger.Txn) error {
			r, err := readSubject(txn, subj)
			for _, p := range r.events {
				e := poolAt[place{p.Origin, p.Seq}]
				if !seqs[p.Origin][p.Seq] || e.Subject != subj {
					return fmt.Errorf("%s's index names %s seq %d, which is not one of its stored events", subj, p.Origin, p.Seq)
				}
				evs = append(evs, e)
			}
			return err
		})
		if err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		st, err := s.State("chain", subj)
		if len(evs) == 0 {
			continue
		}
		if err != nil {
			t.Fatalf("round %d: %s has events but no state: %v", round, subj, err)
		}
		fresh, _ := chainProjection{}.Fold(subj, nil, evs)
		if !bytes.Equal(st, fresh.State) {
			t.Fatalf("round %d: %s state differs from a fresh fold", round, subj)
		}
	}
	return total
}
