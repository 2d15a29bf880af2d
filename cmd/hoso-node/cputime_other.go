//go:build !unix

package main

import "time"

// cpuTime is 0 where the process's CPU time is not read (bench queries
// then reports wall-clock times only).
func cpuTime() time.Duration { return 0 }
