//go:build linux

package pageout

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

func TestSharedMappingOf(t *testing.T) {
	const prefix = "/data/hoso/db/"
	tests := []struct {
		line   string
		ok     bool
		lo, hi uintptr
	}{
		{"7f1c2a400000-7f1c2a600000 rw-s 00000000 fd:01 1234                       /data/hoso/db/000001.sst", true, 0x7f1c2a400000, 0x7f1c2a600000},
		{"7f1c2a400000-7f1c2a600000 r--s 00000000 fd:01 1234 /data/hoso/db/00001.mem", true, 0x7f1c2a400000, 0x7f1c2a600000},
		{"7f1c2a400000-7f1c2a600000 rw-s 00000000 fd:01 1234 /data/hoso/db/my file.vlog (deleted)", true, 0x7f1c2a400000, 0x7f1c2a600000},
		// A private mapping's written pages are its own copy: never.
		{"7f1c2a400000-7f1c2a600000 rw-p 00000000 fd:01 1234 /data/hoso/db/000001.sst", false, 0, 0},
		// Another folder, even one whose name starts the same.
		{"7f1c2a400000-7f1c2a600000 rw-s 00000000 fd:01 1234 /data/hoso/db2/000001.sst", false, 0, 0},
		{"7f1c2a400000-7f1c2a600000 rw-s 00000000 fd:01 1234 /usr/lib/x.so", false, 0, 0},
		// Anonymous memory has no path.
		{"7f1c2a400000-7f1c2a600000 rw-s 00000000 00:00 0", false, 0, 0},
		{"7f1c2a400000-7f1c2a600000 rw-p 00000000 00:00 0 [heap]", false, 0, 0},
		// A path that only appears in an earlier field does not count.
		{"7f1c2a400000-7f1c2a600000 rw-s 00000000 fd:01 1234 /other", false, 0, 0},
		// Broken lines.
		{"zz-7f1c2a600000 rw-s 00000000 fd:01 1234 /data/hoso/db/a", false, 0, 0},
		{"7f1c2a600000-7f1c2a400000 rw-s 00000000 fd:01 1234 /data/hoso/db/a", false, 0, 0},
		{"7f1c2a400000 rw-s 00000000 fd:01 1234 /data/hoso/db/a", false, 0, 0},
		{"", false, 0, 0},
	}
	for _, tc := range tests {
		lo, hi, ok := sharedMappingOf(tc.line, prefix)
		if ok != tc.ok || lo != tc.lo || hi != tc.hi {
			t.Errorf("sharedMappingOf(%q) = %x, %x, %v; want %x, %x, %v", tc.line, lo, hi, ok, tc.lo, tc.hi, tc.ok)
		}
	}
}

// mapFile creates a file of size bytes in dir, maps it shared, fills every
// page and writes it to disk, as Badger does with a new table.
func mapFile(t *testing.T, dir string, size int) []byte {
	t.Helper()
	f, err := os.Create(filepath.Join(dir, "000001.sst"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := f.Truncate(int64(size)); err != nil {
		t.Fatal(err)
	}
	b, err := unix.Mmap(int(f.Fd()), 0, size, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_SHARED)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { unix.Munmap(b) })
	for i := range b {
		b[i] = byte(i*7 + i>>12)
	}
	if err := unix.Msync(b, unix.MS_SYNC); err != nil {
		t.Fatal(err)
	}
	return b
}

// resident returns the resident bytes of the mapped files under dir.
func resident(t *testing.T, dir string) int {
	t.Helper()
	n, _, err := Resident(dir, "")
	if err != nil {
		t.Fatal(err)
	}
	return int(n)
}

func skipUnsupported(t *testing.T) {
	if !supported() {
		t.Skip("the kernel has no MADV_PAGEOUT (Linux 5.4 or later)")
	}
}

func TestPageOutHandsBackTheFolder(t *testing.T) {
	skipUnsupported(t)
	const size = 8 << 20
	dir, other := t.TempDir(), t.TempDir()
	mine := mapFile(t, dir, size)
	mapFile(t, other, size)
	want := bytes.Clone(mine)
	if r := resident(t, dir); r < size/2 {
		t.Fatalf("before: %d bytes resident, want most of %d", r, size)
	}

	New(Options{Dir: dir}).PageOut()

	if r := resident(t, dir); r > size/8 {
		t.Errorf("after: %d bytes of the folder's mapping still resident", r)
	}
	if r := resident(t, other); r < size/2 {
		t.Errorf("after: another folder's mapping lost its pages (%d resident)", r)
	}
	// Nothing is lost: the pages come back from the file.
	if !bytes.Equal(mine, want) {
		t.Error("the mapping's bytes changed")
	}
	onDisk, err := os.ReadFile(filepath.Join(dir, "000001.sst"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(onDisk, want) {
		t.Error("the file's bytes changed")
	}
}

func TestKeeperPagesOutWhenResidentMemoryGrows(t *testing.T) {
	skipUnsupported(t)
	dir := t.TempDir()
	k := Start(Options{Dir: dir, Growth: 1 << 20, MinInterval: 5 * time.Millisecond, MaxInterval: 20 * time.Millisecond})
	defer k.Stop()
	mapFile(t, dir, 8<<20)
	deadline := time.Now().Add(10 * time.Second)
	for k.PageOuts() == 0 || resident(t, dir) > 1<<20 {
		if time.Now().After(deadline) {
			t.Fatalf("after 10 s: %d page-outs, %d bytes resident", k.PageOuts(), resident(t, dir))
		}
		time.Sleep(5 * time.Millisecond)
	}
	k.Stop()
	k.Stop() // twice is fine
}

func TestKeeperWaitsForGrowth(t *testing.T) {
	skipUnsupported(t)
	k := New(Options{Dir: t.TempDir(), Growth: 1 << 40})
	if k.MaybePageOut() {
		t.Error("paged out without a terabyte of growth")
	}
	k.Stop() // a Keeper made by New has nothing to stop
}

// MaybePageOut looks at the resident memory at most once per MinInterval/20:
// a second call at once does not page out even past the growth.
func TestMaybePageOutIsThrottled(t *testing.T) {
	k := New(Options{Dir: t.TempDir(), Growth: 1, MinInterval: time.Hour})
	k.MaybePageOut()
	k.mu.Lock()
	k.floor, k.seen = 0, 0
	k.mu.Unlock()
	if k.MaybePageOut() {
		t.Error("MaybePageOut looked again within MinInterval/20")
	}
}
