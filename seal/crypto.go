package seal

import (
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"fmt"

	"golang.org/x/crypto/argon2"
	"golang.org/x/crypto/chacha20poly1305"
)

// Cryptographic sizes and names recorded in datakey.json.
const (
	// KeySize is the data key's length in bytes (AES-256, as Badger wants).
	KeySize = 32

	kdfName   = "argon2id"
	aeadName  = "xchacha20-poly1305"
	nonceSize = chacha20poly1305.NonceSizeX
	tagSize   = chacha20poly1305.Overhead
	saltSize  = 16
	minSalt   = 16
	maxSalt   = 64
	checkSize = sha256.Size

	maxKDFTime      = 64
	maxKDFMemoryKiB = 1 << 20 // 1 GiB
	maxKDFThreads   = 64
)

// KDFParams are the argon2id cost parameters, recorded in datakey.json.
type KDFParams struct {
	// Time is the number of passes over the memory.
	Time uint32 `json:"time"`
	// MemoryKiB is the memory used, in KiB.
	MemoryKiB uint32 `json:"memory_kib"`
	// Threads is the degree of parallelism.
	Threads uint8 `json:"threads"`
}

// DefaultKDF is used when CreateOptions.KDF is nil: time 3, 64 MiB, 2 threads
// (about a tenth to a few tenths of a second on an office desktop).
var DefaultKDF = KDFParams{Time: 3, MemoryKiB: 64 << 10, Threads: 2}

func (p KDFParams) validate() error {
	if p.Time < 1 || p.Time > maxKDFTime {
		return fmt.Errorf("argon2 time %d outside 1..%d", p.Time, maxKDFTime)
	}
	if p.Threads < 1 || p.Threads > maxKDFThreads {
		return fmt.Errorf("argon2 threads %d outside 1..%d", p.Threads, maxKDFThreads)
	}
	if p.MemoryKiB < 8*uint32(p.Threads) || p.MemoryKiB > maxKDFMemoryKiB {
		return fmt.Errorf("argon2 memory %d KiB outside %d..%d", p.MemoryKiB, 8*uint32(p.Threads), maxKDFMemoryKiB)
	}
	return nil
}

// newWrap returns a wrap with fresh salt and nonce and no ciphertext yet:
// its parameters and salt go into the header before the key is sealed.
func newWrap(p KDFParams) *wrap {
	return &wrap{KDF: kdfName, KDFParams: p, Salt: randomBytes(saltSize), AEAD: aeadName, Nonce: randomBytes(nonceSize)}
}

// seal encrypts key under a key derived from secret; the purpose and the
// record's header are the associated data.
func (w *wrap) seal(key, secret []byte, purpose string, header []byte) error {
	aead, kek, err := w.aead(secret)
	if err != nil {
		return err
	}
	defer clear(kek)
	w.Ciphertext = aead.Seal(nil, w.Nonce, key, associatedData(purpose, header))
	return nil
}

// open reverses seal. Any failure, a wrong secret or an altered field, is
// ErrWrongSecret: the AEAD cannot tell them apart.
func (w *wrap) open(secret []byte, purpose string, header []byte) ([]byte, error) {
	aead, kek, err := w.aead(secret)
	if err != nil {
		return nil, err
	}
	defer clear(kek)
	key, err := aead.Open(nil, w.Nonce, w.Ciphertext, associatedData(purpose, header))
	if err != nil {
		return nil, ErrWrongSecret
	}
	return key, nil
}

func (w *wrap) aead(secret []byte) (cipher.AEAD, []byte, error) {
	kek := argon2.IDKey(secret, w.Salt, w.Time, w.MemoryKiB, w.Threads, chacha20poly1305.KeySize)
	aead, err := chacha20poly1305.NewX(kek)
	if err != nil {
		return nil, nil, fmt.Errorf("creating AEAD: %w", err)
	}
	return aead, kek, nil
}

// randomBytes returns n bytes from the system's secure generator
// (crypto/rand.Read never fails: it crashes the program if it cannot read).
func randomBytes(n int) []byte {
	b := make([]byte, n)
	rand.Read(b)
	return b
}
