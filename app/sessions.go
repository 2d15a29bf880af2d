package app

import (
	"crypto/rand"
	"encoding/hex"
	"sync"
	"time"
)

// maxSessions bounds the sessions kept in memory; the oldest goes first.
const maxSessions = 1000

// Sessions keeps logged-in sessions in memory: a restart logs everyone out,
// and a session token never touches the disk.
type Sessions struct {
	mu   sync.Mutex
	idle time.Duration
	now  func() time.Time
	m    map[string]*session
}

type session struct {
	userID string
	seen   time.Time
}

// NewSessions returns a session table; a session unused for idle ends
// (0 means 8 hours, an office day).
func NewSessions(idle time.Duration) *Sessions {
	if idle <= 0 {
		idle = 8 * time.Hour
	}
	return &Sessions{idle: idle, now: time.Now, m: map[string]*session{}}
}

// Start opens a session for a user and returns its token.
func (s *Sessions) Start(userID string) string {
	var b [32]byte
	rand.Read(b[:])
	tok := hex.EncodeToString(b[:])
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.m) >= maxSessions {
		var oldest string
		for k, v := range s.m {
			if oldest == "" || v.seen.Before(s.m[oldest].seen) {
				oldest = k
			}
		}
		delete(s.m, oldest)
	}
	s.m[tok] = &session{userID: userID, seen: s.now()}
	return tok
}

// user returns the user of a live session and refreshes it.
func (s *Sessions) user(tok string) (string, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ss, ok := s.m[tok]
	if !ok {
		return "", false
	}
	if s.now().Sub(ss.seen) > s.idle {
		delete(s.m, tok)
		return "", false
	}
	ss.seen = s.now()
	return ss.userID, true
}

// End closes a session.
func (s *Sessions) End(tok string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, tok)
}

// EndUser closes every session of a user (disabled, password changed).
func (s *Sessions) EndUser(userID string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for k, v := range s.m {
		if v.userID == userID {
			delete(s.m, k)
		}
	}
}
