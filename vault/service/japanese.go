package service

// japaneseNames pairs names people (and Japanese services' own otpauth
// issuers) use for a service to the main domain of its directory entry,
// where the directory's name is English or spelt otherwise. Keys are
// folded like every name (case, width, katakana/hiragana, punctuation and
// spaces do not matter), so one spelling a name is enough.
//
// Reviewed one by one; a name is here only when it stands for that one
// service. Left out on purpose:
//   - ドコモ/docomo, ソフトバンク/SoftBank, ゆうちょ/Japan Post Bank, 楽天銀行,
//     楽天証券, 三菱UFJ信託, SMBC日興証券: not in the directory;
//   - bare 三菱UFJ and MUFG (三菱UFJニコス, 三菱UFJ信託銀行 and others);
//   - bare 三井住友 (the bank, 三井住友カード and 三井住友信託銀行 are three
//     services) and bare SMBC (also SMBC日興証券);
//   - bare ソニー/Sony (Sony Bank and PlayStation Network are both listed);
//   - bare みずほ/Mizuho (みずほ証券 is another company); みずほ銀行 and
//     みずほダイレクト are the bank;
//   - フリー (freee) and エックス (X): common words;
//   - LINEヤフー (the company behind both LINE and Yahoo! JAPAN);
//   - Google/グーグル: the directory lists Google's products, not the Google
//     account.
var japaneseNames = [...]struct{ name, domain string }{
	// Rakuten
	{"楽天", "rakuten.com"},
	{"楽天会員", "rakuten.com"},
	{"楽天ID", "rakuten.com"},
	{"楽天市場", "rakuten.com"},
	{"Rakuten ID", "rakuten.com"},
	{"楽天モバイル", "network.mobile.rakuten.co.jp"},
	// Mercari (the directory: "Mercari [JP]")
	{"メルカリ", "jp.mercari.com"},
	// Yahoo! JAPAN (the directory: "Yahoo [JP]")
	{"ヤフー", "yahoo.co.jp"},
	{"ヤフージャパン", "yahoo.co.jp"},
	{"Yahoo! JAPAN", "yahoo.co.jp"},
	{"Yahoo! JAPAN ID", "yahoo.co.jp"},
	{"Yahoo Japan", "yahoo.co.jp"},
	// LINE (the directory's name is LINE already; ライン is also a common word)
	{"LINEアカウント", "line.me"},
	// PayPay
	{"ペイペイ", "paypay.ne.jp"},
	// au (KDDI)
	{"au ID", "au.com"},
	{"auじぶん", "au.com"},
	// Y!mobile
	{"ワイモバイル", "ymobile.jp"},
	// MUFG Bank
	{"三菱UFJ銀行", "bk.mufg.jp"},
	{"三菱東京UFJ銀行", "bk.mufg.jp"},
	// Sumitomo Mitsui Banking Corporation
	{"三井住友銀行", "smbc.co.jp"},
	{"SMBC銀行", "smbc.co.jp"},
	// Mizuho Bank
	{"みずほ銀行", "mizuhobank.co.jp"},
	{"みずほダイレクト", "mizuhobank.co.jp"},
	// Nintendo Account (the Nintendo Network ID is a retired, separate login)
	{"ニンテンドー", "accounts.nintendo.com"},
	{"ニンテンドーアカウント", "accounts.nintendo.com"},
	{"任天堂", "accounts.nintendo.com"},
	{"Nintendo", "accounts.nintendo.com"},
	// PlayStation Network
	{"PlayStation", "playstation.com"},
	{"プレイステーション", "playstation.com"},
	{"PSN", "playstation.com"},
	{"Sony Entertainment Network", "playstation.com"},
	// Sony Bank
	{"ソニー銀行", "moneykit.net"},
	// X (Twitter)
	{"Twitter", "x.com"},
	{"ツイッター", "x.com"},
	// others the directory lists under an English or romanised name
	{"アマゾン", "amazon.com"},
	{"アップル", "appleid.apple.com"},
	{"Apple ID", "appleid.apple.com"},
	{"ニコニコ", "nicovideo.jp"},
	{"ニコニコ動画", "nicovideo.jp"},
	{"はてな", "hatena.ne.jp"},
	{"マネックス証券", "monex.co.jp"},
	{"ビットフライヤー", "bitflyer.com"},
	{"コインチェック", "coincheck.com"},
	{"住信SBIネット銀行", "netbk.co.jp"},
	{"SBI新生銀行", "sbishinseibank.co.jp"},
	{"新生銀行", "sbishinseibank.co.jp"},
	{"あおぞら銀行", "aozorabank.co.jp"},
	{"GMOあおぞらネット銀行", "gmo-aozora.com"},
	{"みんなの銀行", "minna-no-ginko.com"},
	{"えきねっと", "eki-net.com"},
	{"スターバックス", "starbucks.co.jp"},
}
