package app

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"

	"golang.org/x/crypto/argon2"
	"golang.org/x/text/unicode/norm"
)

// PasswordParams are the argon2id costs of a password hash.
type PasswordParams struct {
	Time      uint32
	MemoryKiB uint32
	Threads   uint8
}

// DefaultPasswordParams cost about a tenth of a second on an office PC.
var DefaultPasswordParams = PasswordParams{Time: 2, MemoryKiB: 32 << 10, Threads: 2}

// MinPasswordLen is the shortest password accepted, in characters.
const MinPasswordLen = 8

// checkPassword applies the password rule.
func checkPassword(field, p string) error {
	if n := len([]rune(norm.NFC.String(p))); n < MinPasswordLen {
		return &Error{Code: CodeInvalidInput, Field: field, Message: fmt.Sprintf("the password needs at least %d characters", MinPasswordLen), Params: map[string]string{"min": fmt.Sprint(MinPasswordLen)}}
	}
	return nil
}

// hashPassword returns a PHC-format argon2id hash
// ($argon2id$v=19$m=…,t=…,p=…$salt$hash) of the NFC form of p.
func hashPassword(p string, pp PasswordParams) string {
	salt := make([]byte, 16)
	rand.Read(salt)
	sum := argon2.IDKey([]byte(norm.NFC.String(p)), salt, pp.Time, pp.MemoryKiB, pp.Threads, 32)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, pp.MemoryKiB, pp.Time, pp.Threads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(sum))
}

// verifyPassword checks p against a hash from hashPassword, in constant
// time. A malformed hash never verifies.
func verifyPassword(p, hash string) bool {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var v int
	var pp PasswordParams
	if _, err := fmt.Sscanf(parts[2], "v=%d", &v); err != nil || v != argon2.Version {
		return false
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &pp.MemoryKiB, &pp.Time, &pp.Threads); err != nil {
		return false
	}
	if pp.Time == 0 || pp.Time > 16 || pp.Threads == 0 || pp.MemoryKiB > 1<<20 || pp.MemoryKiB < 8 {
		return false
	}
	salt, err1 := base64.RawStdEncoding.DecodeString(parts[4])
	want, err2 := base64.RawStdEncoding.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) != 32 {
		return false
	}
	got := argon2.IDKey([]byte(norm.NFC.String(p)), salt, pp.Time, pp.MemoryKiB, pp.Threads, 32)
	return subtle.ConstantTimeCompare(got, want) == 1
}
