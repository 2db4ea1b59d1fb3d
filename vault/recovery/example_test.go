package recovery_test

import (
	"fmt"

	"github.com/mamori-app/mamori/vault/recovery"
)

func ExampleRequest() {
	info := recovery.Info{
		UserNumber:       "1234567",
		Registered:       "2016年4月ごろ",
		TwoFactorMethods: []string{recovery.MethodTOTP, recovery.MethodGridCard},
	}
	fmt.Print(recovery.Request(info, "Example: taro", "ja"))
	// Output:
	// 件名：アカウント復旧のお願い（Example: taro）
	//
	// ご担当者様
	//
	// いつもお世話になっております。
	// 下記のアカウントにログインできなくなってしまいました。
	// 本人確認の材料として、手元に控えている登録内容を以下にまとめました。
	// お手数をおかけしますが、再びログインできるようにするための手続きをご案内いただけますでしょうか。
	//
	// ■ アカウントについて
	// ・アカウント：Example: taro
	// ・ユーザー番号：1234567
	// ・登録日（わかる範囲で）：2016年4月ごろ
	//
	// ■ 利用状況
	// ・登録していた2段階認証の方法：認証アプリ（TOTP）、乱数表
	//
	// なお、パスワードはこのご連絡には記載しておりません。
	// ご確認のほど、どうぞよろしくお願いいたします。
}
