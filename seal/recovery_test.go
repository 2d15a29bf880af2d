package seal

import (
	"bytes"
	"errors"
	"regexp"
	"strings"
	"testing"
)

var recoveryShape = regexp.MustCompile(`^[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){7}$`)

func TestRecoveryKeyFormat(t *testing.T) {
	for range 50 {
		secret, text := newRecoveryKey()
		if !recoveryShape.MatchString(text) {
			t.Fatalf("recovery key %q is not 8 groups of 4 Crockford characters", text)
		}
		got, err := ParseRecoveryKey(text)
		if err != nil || !bytes.Equal(got, secret) {
			t.Fatalf("ParseRecoveryKey(%q) = %x, %v; want %x", text, got, err, secret)
		}
	}
	// Known answer: all-zero and all-one bits.
	if got := formatRecoveryKey(make([]byte, recoveryBytes)); got != "0000-0000-0000-0000-0000-0000-0000-0000" {
		t.Errorf("zeros = %q", got)
	}
	if got := formatRecoveryKey(bytes.Repeat([]byte{0xff}, recoveryBytes)); got != "ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZ" {
		t.Errorf("ones = %q", got)
	}
}

func TestParseRecoveryKeyForgiving(t *testing.T) {
	secret := []byte("0123456789abcdefghij")
	canon := formatRecoveryKey(secret) // 60S3-4DHM-6GS3-8E1J-64RK-CSV4-CNMP-WTA4 style
	noDash := strings.ReplaceAll(canon, "-", "")
	forgiving := map[string]string{
		"canonical":        canon,
		"lower case":       strings.ToLower(canon),
		"spaces":           strings.ReplaceAll(canon, "-", " "),
		"no dashes":        noDash,
		"surrounding":      "  " + canon + "\n",
		"odd grouping":     noDash[:3] + "-" + noDash[3:17] + " " + noDash[17:],
		"O for 0, I/L for": strings.NewReplacer("0", "O", "1", "l").Replace(canon),
	}
	for name, in := range forgiving {
		got, err := ParseRecoveryKey(in)
		if err != nil || !bytes.Equal(got, secret) {
			t.Errorf("%s: ParseRecoveryKey(%q) = %x, %v", name, in, got, err)
		}
	}
	bad := map[string]string{
		"empty":          "",
		"one short":      noDash[:31],
		"one long":       noDash + "0",
		"U":              "U" + noDash[1:],
		"punctuation":    noDash[:31] + "*",
		"other alphabet": strings.Repeat("Ă", 32),
	}
	for name, in := range bad {
		if _, err := ParseRecoveryKey(in); !errors.Is(err, ErrWrongSecret) {
			t.Errorf("%s: ParseRecoveryKey(%q) error = %v, want ErrWrongSecret", name, in, err)
		}
	}
}

func TestPassphraseRule(t *testing.T) {
	tests := []struct {
		p  string
		ok bool
	}{
		{"", false},
		{"123456789", false},
		{"1234567890", true},
		{"Hồ Sơ Một!", true}, // 10 letters, more than 10 bytes
		{"Hồ Sơ Một", false}, // 9 letters, 13 bytes: counted in characters
		// "ồ" as o + two combining marks is one character after NFC.
		{"ho\u0302\u0300 so\u031b mo\u0323\u0302t", false},
	}
	for _, tt := range tests {
		err := CheckPassphrase(tt.p)
		if (err == nil) != tt.ok || (err != nil && !errors.Is(err, ErrWeakPassphrase)) {
			t.Errorf("CheckPassphrase(%q) = %v, want ok=%v", tt.p, err, tt.ok)
		}
	}
}

// TestPassphraseNormalised unlocks a passphrase typed with combining marks
// with the same words typed precomposed.
func TestPassphraseNormalised(t *testing.T) {
	dir := tempDir(t)
	const composed = "Ủy ban xã Hồ Sơ"
	const decomposed = "U\u0309y ban xa\u0303 Ho\u0302\u0300 So\u031b"
	c, err := Create(CreateOptions{Dir: dir, Method: MethodPassphrase, Passphrase: decomposed, KDF: testKDF})
	if err != nil {
		t.Fatal(err)
	}
	unlockEqual(t, UnlockOptions{Dir: dir, Passphrase: composed}, c.Key)
}
