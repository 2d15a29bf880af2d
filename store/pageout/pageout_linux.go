//go:build linux

package pageout

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"os"
	"strconv"
	"strings"

	"golang.org/x/sys/unix"
)

// supported reports whether the kernel knows MADV_PAGEOUT (Linux 5.4), by
// asking it about a page of our own.
func supported() bool {
	page := os.Getpagesize()
	b, err := unix.Mmap(-1, 0, page, unix.PROT_READ|unix.PROT_WRITE, unix.MAP_PRIVATE|unix.MAP_ANONYMOUS)
	if err != nil {
		return false
	}
	defer unix.Munmap(b)
	return unix.Madvise(b, unix.MADV_PAGEOUT) == nil
}

// residentFile returns the process's resident file-backed (and shared)
// memory in bytes, from /proc/self/statm: one short read, cheap enough to do
// often.
func residentFile() (uint64, error) {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0, fmt.Errorf("reading statm: %w", err)
	}
	f := bytes.Fields(b)
	if len(f) < 3 {
		return 0, fmt.Errorf("reading statm: %d fields", len(f))
	}
	pages, err := strconv.ParseUint(string(f[2]), 10, 64)
	if err != nil {
		return 0, fmt.Errorf("reading statm: %w", err)
	}
	return pages * uint64(os.Getpagesize()), nil
}

// pageOutMappings asks the kernel to page out every shared mapping of a file
// whose path starts with prefix. Only shared mappings are touched: their
// pages are the files' own, so paging them out loses nothing.
func pageOutMappings(prefix string) error {
	f, err := os.Open("/proc/self/maps")
	if err != nil {
		return fmt.Errorf("reading maps: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	for sc.Scan() {
		start, end, ok := sharedMappingOf(sc.Text(), prefix)
		if !ok {
			continue
		}
		_, _, errno := unix.Syscall(unix.SYS_MADVISE, start, end-start, unix.MADV_PAGEOUT)
		switch {
		case errno == 0, errno == unix.ENOMEM:
			// ENOMEM: the file was unmapped since maps was read.
		case errno == unix.EINVAL:
			return fmt.Errorf("paging out %x-%x: %w", start, end, errno)
		}
	}
	if err := sc.Err(); err != nil {
		return fmt.Errorf("reading maps: %w", err)
	}
	return nil
}

// sharedMappingOf parses one line of /proc/self/maps,
//
//	7f1c2a400000-7f1c2a600000 rw-s 00000000 fd:01 1234   /data/db/000001.sst
//
// and returns its address range if it is a shared mapping of a file under
// prefix.
func sharedMappingOf(line, prefix string) (start, end uintptr, ok bool) {
	fields := strings.Fields(line)
	if len(fields) < 6 || len(fields[1]) != 4 || fields[1][3] != 's' {
		return 0, 0, false
	}
	// The path is the rest of the line after the inode; it may hold spaces.
	rest := line
	for range 5 {
		rest = strings.TrimLeft(rest, " \t")
		j := strings.IndexAny(rest, " \t")
		if j < 0 {
			return 0, 0, false
		}
		rest = rest[j:]
	}
	if !strings.HasPrefix(strings.TrimLeft(rest, " \t"), prefix) {
		return 0, 0, false
	}
	return mappingRange(line)
}

// mappingRange returns the address range that starts a line of maps or
// smaps, if the line is a mapping's header.
func mappingRange(line string) (start, end uintptr, ok bool) {
	first, _, _ := strings.Cut(line, " ")
	lo, hi, found := strings.Cut(first, "-")
	if !found {
		return 0, 0, false
	}
	a, err1 := strconv.ParseUint(lo, 16, 64)
	b, err2 := strconv.ParseUint(hi, 16, 64)
	if err := errors.Join(err1, err2); err != nil || b <= a {
		return 0, 0, false
	}
	return uintptr(a), uintptr(b), true
}

// Resident returns how much of the files under dir whose names end with ext
// ("" for all) the process has mapped shared and resident, in bytes, and
// how many mappings they are, from /proc/self/smaps: for tests and
// diagnostics, as reading smaps is slow.
func Resident(dir, ext string) (bytes uint64, mappings int, err error) {
	prefix, err := folderPrefix(dir)
	if err != nil {
		return 0, 0, err
	}
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		return 0, 0, fmt.Errorf("reading smaps: %w", err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 4096), 1<<20)
	in := false
	for sc.Scan() {
		line := sc.Text()
		if _, _, ok := mappingRange(line); ok {
			_, _, in = sharedMappingOf(line, prefix)
			in = in && strings.HasSuffix(strings.TrimSuffix(line, " (deleted)"), ext)
			if in {
				mappings++
			}
			continue
		}
		if in && strings.HasPrefix(line, "Rss:") {
			f := strings.Fields(line)
			if len(f) < 2 {
				continue
			}
			kb, err := strconv.ParseUint(f[1], 10, 64)
			if err != nil {
				return 0, 0, fmt.Errorf("reading smaps: %w", err)
			}
			bytes += kb << 10
		}
	}
	if err := sc.Err(); err != nil {
		return 0, 0, fmt.Errorf("reading smaps: %w", err)
	}
	return bytes, mappings, nil
}
