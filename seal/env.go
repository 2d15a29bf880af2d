package seal

import (
	"encoding/base64"
	"fmt"
)

// DefaultEnvVar is the environment variable that holds the key for method
// "env" when CreateOptions.EnvVar is empty.
const DefaultEnvVar = "HOSO_DATA_KEY"

// envValue is the text to put in the variable: standard base64 of the key.
func envValue(key []byte) string {
	return base64.StdEncoding.EncodeToString(key)
}

// keyFromEnv reads the key from the named variable.
func keyFromEnv(name string, getenv func(string) string) ([]byte, error) {
	v := getenv(name)
	if v == "" {
		return nil, fmt.Errorf("environment variable %s is not set: %w", name, ErrKeyUnavailable)
	}
	key, err := parseKeyText([]byte(v))
	if err != nil {
		return nil, fmt.Errorf("environment variable %s %v: %w", name, err, ErrKeyUnavailable)
	}
	return key, nil
}

// validEnvName accepts portable variable names: a letter or underscore,
// then letters, digits and underscores.
func validEnvName(s string) bool {
	if s == "" || len(s) > 128 {
		return false
	}
	for i, c := range s {
		switch {
		case c == '_', 'A' <= c && c <= 'Z', 'a' <= c && c <= 'z':
		case '0' <= c && c <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}
