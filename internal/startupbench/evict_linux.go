package startupbench

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"golang.org/x/sys/unix"
)

// Evict drops the files under the given paths (folders are walked) from the
// page cache, so the next start reads them from disk as after a reboot:
// each is synced first (a fresh copy's pages are dirty, and only clean
// pages can be dropped), then posix_fadvise(DONTNEED). It needs no
// privilege, unlike /proc/sys/vm/drop_caches, and leaves the rest of the
// machine's cache alone. It returns the bytes of the files it went over.
func Evict(paths ...string) (int64, error) {
	var total int64
	for _, root := range paths {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || !d.Type().IsRegular() {
				return err
			}
			f, err := os.Open(path)
			if err != nil {
				return err
			}
			defer f.Close()
			if err := f.Sync(); err != nil {
				return fmt.Errorf("syncing %s: %w", path, err)
			}
			if err := unix.Fadvise(int(f.Fd()), 0, 0, unix.FADV_DONTNEED); err != nil {
				return fmt.Errorf("evicting %s: %w", path, err)
			}
			if info, err := d.Info(); err == nil {
				total += info.Size()
			}
			return nil
		})
		if err != nil {
			return total, err
		}
	}
	return total, nil
}
