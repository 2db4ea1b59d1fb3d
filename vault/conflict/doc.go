// Package conflict finds and merges the conflict copies that sync engines
// leave beside a file when two desktops change it before they have synced.
//
// Mamori's vault may live in a folder that Syncthing, Dropbox, OneDrive,
// Nextcloud or Google Drive replicates. When two desktops save the vault
// before the engine has carried one save to the other, the engine keeps
// one version under the file's name and the other under a name of its own
// making. [Find] recognises those names; [Merge] brings a copy's records
// into the vault without losing anything either desktop did: each record
// merges by its own history (kit.Merge), a deletion on either side stays
// deleted (vault.Vault.JoinDeleted), a used backup code stays used and a
// HOTP counter never goes back.
package conflict
