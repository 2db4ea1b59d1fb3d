package assets

// Version is Mamori's release, the same as FyneApp.toml's Details.Version:
// what "mamori --version" and the app's About page say.
const Version = "0.2.0"
