//go:build !linux

package pageout

import "errors"

func supported() bool { return false }

func residentFile() (uint64, error) { return 0, errors.New("not supported") }

func pageOutMappings(string) error { return errors.New("not supported") }

// Resident returns 0: only Linux is watched.
func Resident(string, string) (uint64, int, error) { return 0, 0, errors.New("not supported") }
