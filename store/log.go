package store

import "log"

// logf writes to the standard logger, which the binaries point at stderr or
// a file.
func logf(format string, args ...any) {
	log.Printf(format, args...)
}
