//go:build !linux

package startupbench

import "errors"

// Evict is Linux only (posix_fadvise).
func Evict(paths ...string) (int64, error) {
	return 0, errors.New("evicting files from the page cache is supported on Linux only")
}
