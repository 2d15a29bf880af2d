package app

// The states of the encrypted data folder, as the Vault service reports them.
const (
	// VaultReady means the folder is open.
	VaultReady = "ready"
	// VaultLocked means the folder is sealed by a passphrase not given yet.
	VaultLocked = "locked"
	// VaultSetup means the folder is new and needs an office passphrase.
	VaultSetup = "setup"
	// VaultFailed means the folder could not be opened; Error says why.
	VaultFailed = "failed"
)

// VaultStatus describes the data folder's encryption state.
type VaultStatus struct {
	State string `json:"state"`
	// Method is how the data key is sealed: os, passphrase, keyfile or env.
	Method string `json:"method"`
	// OSKeyStore tells whether this computer has an OS key store.
	OSKeyStore bool `json:"osKeyStore"`
	// RecoveryKey is set only right after setup, until acknowledged: the
	// office must write it down, as it is never shown again.
	RecoveryKey string `json:"recoveryKey"`
	// Error explains a failed state.
	Error *Reply `json:"error,omitempty"`
}

// Opener opens the encrypted data folder for the Vault service and installs
// the opened dependencies in the Core. The desktop's opener asks the clerk
// for a passphrase when it must; the headless node's is already open.
type Opener interface {
	// Status reports the folder's state.
	Status() VaultStatus
	// Setup seals a new folder with an office passphrase and opens it; it
	// returns the recovery key to show once.
	Setup(passphrase string) (recoveryKey string, err error)
	// Unlock opens a sealed folder with the passphrase or, instead, the
	// recovery key; after a recovery the key is sealed again (by the OS key
	// store, or by newPassphrase where there is none) and a new recovery
	// key waits to be shown.
	Unlock(req UnlockRequest) error
	// AcknowledgeRecovery forgets the recovery key once it is written down.
	AcknowledgeRecovery()
}

// Vault lets the window set up or unlock the encrypted data folder.
type Vault struct {
	opener   Opener
	onStatus func()
}

// NewVault returns the Vault service. onStatus, when set, is called after
// every Status call (the desktop's smoke test uses it).
func NewVault(opener Opener, onStatus func()) *Vault {
	return &Vault{opener: opener, onStatus: onStatus}
}

// Status reports the data folder's state.
func (v *Vault) Status() (VaultStatus, error) {
	st := v.opener.Status()
	if v.onStatus != nil {
		v.onStatus()
	}
	return st, nil
}

// PassphraseRequest carries an office passphrase.
type PassphraseRequest struct {
	Passphrase string `json:"passphrase"`
}

// RecoveryReply carries the recovery key to show once.
type RecoveryReply struct {
	RecoveryKey string `json:"recoveryKey"`
}

// Setup seals a new data folder with an office passphrase.
func (v *Vault) Setup(req PassphraseRequest) (RecoveryReply, error) {
	rk, err := v.opener.Setup(req.Passphrase)
	if err != nil {
		return RecoveryReply{}, err
	}
	return RecoveryReply{RecoveryKey: rk}, nil
}

// UnlockRequest carries the passphrase or, instead, the recovery key; with
// the recovery key on a computer without an OS key store, NewPassphrase
// seals the data key again.
type UnlockRequest struct {
	Passphrase    string `json:"passphrase"`
	RecoveryKey   string `json:"recoveryKey"`
	NewPassphrase string `json:"newPassphrase"`
}

// Unlock opens a sealed data folder.
func (v *Vault) Unlock(req UnlockRequest) (VaultStatus, error) {
	if req.Passphrase == "" && req.RecoveryKey == "" {
		return VaultStatus{}, FieldError("passphrase", "give the passphrase or the recovery key")
	}
	if err := v.opener.Unlock(req); err != nil {
		return VaultStatus{}, err
	}
	return v.opener.Status(), nil
}

// AcknowledgeRecovery records that the recovery key was written down.
func (v *Vault) AcknowledgeRecovery() (VaultStatus, error) {
	v.opener.AcknowledgeRecovery()
	return v.opener.Status(), nil
}

// OpenVault is the Opener of a folder that is already open, as on the
// headless node, whose key comes from a key file or a variable.
type OpenVault struct {
	// Method is how the key was sealed.
	Method string
}

// Status reports ready.
func (o OpenVault) Status() VaultStatus { return VaultStatus{State: VaultReady, Method: o.Method} }

// Setup refuses: the folder is set up.
func (OpenVault) Setup(string) (string, error) {
	return "", Errorf(CodeVaultState, "the data folder is already set up")
}

// Unlock succeeds at once: the folder is open.
func (OpenVault) Unlock(UnlockRequest) error { return nil }

// AcknowledgeRecovery does nothing: there is no pending recovery key.
func (OpenVault) AcknowledgeRecovery() {}
