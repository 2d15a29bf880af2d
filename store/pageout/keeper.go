package pageout

import (
	"fmt"
	"path/filepath"
	"sync"
	"time"
)

// Options configures a Keeper.
type Options struct {
	// Dir is the folder whose mapped files are paged out.
	Dir string
	// Growth is how much the process's file-backed resident memory must
	// grow, in bytes, before the files are paged out; 0 means 2 MB.
	Growth uint64
	// MinInterval and MaxInterval bound the time between two looks at the
	// resident memory: the Keeper looks every MinInterval while it grows
	// and backs off towards MaxInterval while it does not. 0 means 100 ms
	// and 2 s.
	MinInterval, MaxInterval time.Duration
}

// Keeper pages out the mapped files of one folder when the process's
// file-backed resident memory grows. Its methods are safe for concurrent use.
type Keeper struct {
	prefix   string
	growth   uint64
	min, max time.Duration

	mu       sync.Mutex
	floor    uint64 // file-backed resident bytes after the last page-out
	seen     uint64 // file-backed resident bytes at the last look
	disabled bool   // the kernel refused: nothing more is tried
	pageouts int
	// Dirty pages (a table being written, the write-ahead log) are
	// paged out only once written back, which the kernel does within
	// ~30 s. So a page-out is followed by one without growth 1 s later,
	// and then, while those still free something, every second; once one
	// frees nothing, after delays doubling up to 32 s, and then no more.
	retry   time.Duration
	retryAt time.Time
	// lastLook is when MaybePageOut last looked.
	lastLook time.Time

	stop     chan struct{}
	stopOnce sync.Once
	done     chan struct{}
}

// Start returns a Keeper for opts.Dir that looks at the resident memory in
// the background until Stop.
func Start(opts Options) *Keeper {
	k := New(opts)
	k.stop = make(chan struct{})
	k.done = make(chan struct{})
	go k.run()
	return k
}

// New returns a Keeper for opts.Dir that acts only when MaybePageOut or
// PageOut is called.
func New(opts Options) *Keeper {
	prefix, err := folderPrefix(opts.Dir)
	if err != nil {
		prefix = filepath.Clean(opts.Dir) + string(filepath.Separator)
	}
	k := &Keeper{
		prefix: prefix,
		growth: opts.Growth,
		min:    opts.MinInterval,
		max:    opts.MaxInterval,
	}
	if k.growth == 0 {
		k.growth = 2 << 20
	}
	if k.min <= 0 {
		k.min = 100 * time.Millisecond
	}
	if k.max < k.min {
		k.max = max(2*time.Second, k.min)
	}
	k.disabled = !supported()
	if !k.disabled {
		k.floor, _ = residentFile()
		k.seen = k.floor
	}
	return k
}

// Stop ends the background looking started by Start; it is safe to call
// more than once and on a Keeper made by New.
func (k *Keeper) Stop() {
	if k.stop == nil {
		return
	}
	k.stopOnce.Do(func() { close(k.stop) })
	<-k.done
}

// PageOuts reports how many times the folder's files were paged out.
func (k *Keeper) PageOuts() int {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.pageouts
}

// MaybePageOut pages out the folder's mapped files if the process's
// file-backed resident memory has grown by the configured amount since the
// last time, and reports whether it did. It looks at most once per
// MinInterval/20 (5 ms by default): a hub reads the log thousands of times
// a second, and each look reads /proc.
func (k *Keeper) MaybePageOut() bool {
	k.mu.Lock()
	now := time.Now()
	if !k.lastLook.IsZero() && now.Sub(k.lastLook) < k.min/20 && !now.Before(k.lastLook) {
		k.mu.Unlock()
		return false
	}
	k.lastLook = now
	k.mu.Unlock()
	did, _ := k.look()
	return did
}

// look is MaybePageOut that also reports whether the resident memory grew
// at all since the previous look, which keeps the background looking
// frequent while something is being written or read.
func (k *Keeper) look() (pagedOut, grew bool) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.disabled {
		return false, false
	}
	now, err := residentFile()
	if err != nil {
		k.disabled = true
		return false, false
	}
	grew = now > k.seen+k.growth/8
	k.seen = now
	if now < k.floor {
		// Pages went without us (the kernel reclaimed them, or a file
		// was unmapped): measure growth from here.
		k.floor = now
	}
	retrying := !k.retryAt.IsZero() && !time.Now().Before(k.retryAt)
	if now < k.floor+k.growth && !retrying {
		return false, grew
	}
	k.pageOutLocked(now, retrying)
	return true, true
}

// PageOut pages out the folder's mapped files now.
func (k *Keeper) PageOut() {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.disabled {
		return
	}
	now, err := residentFile()
	if err != nil {
		k.disabled = true
		return
	}
	k.pageOutLocked(now, false)
}

func (k *Keeper) pageOutLocked(before uint64, retrying bool) {
	if err := pageOutMappings(k.prefix); err != nil {
		k.disabled = true
		return
	}
	k.pageouts++
	after, err := residentFile()
	if err != nil {
		k.disabled = true
		return
	}
	// What stays is what cannot be paged out now: the program's own
	// pages, other files, dirty pages.
	k.seen, k.floor = after, after
	switch freed := before > after+k.growth/8; {
	case !retrying || freed:
		k.retry = time.Second
	case k.retry >= 32*time.Second:
		k.retry, k.retryAt = 0, time.Time{}
		return
	default:
		k.retry *= 2
	}
	k.retryAt = time.Now().Add(k.retry)
}

func (k *Keeper) run() {
	defer close(k.done)
	interval := k.min
	t := time.NewTimer(interval)
	defer t.Stop()
	for {
		select {
		case <-k.stop:
			return
		case <-t.C:
		}
		if _, grew := k.look(); grew {
			interval = k.min
		} else {
			interval = min(2*interval, k.max)
		}
		t.Reset(interval)
	}
}

// folderPrefix returns the absolute, resolved path of dir with a trailing
// separator, as the kernel shows the files under it in maps.
func folderPrefix(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("resolving %s: %w", dir, err)
	}
	if real, err := filepath.EvalSymlinks(abs); err == nil {
		abs = real
	}
	return abs + string(filepath.Separator), nil
}
