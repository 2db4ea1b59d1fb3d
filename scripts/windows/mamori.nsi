; The Windows installer: makensis -DVERSION=… -DSRC=… -DOUT=… mamori.nsi
; (scripts/windows.sh). A per-user install, no administrator needed: the
; programs go to %LOCALAPPDATA%\Programs\Mamori, a Start menu shortcut opens
; the app, and "Apps & features" can remove it. The vault in
; %AppData%\mamori and its key in the Credential Manager are never touched.
Unicode true
; 64-bit, so that it runs on 64-bit Windows alone, as Mamori does (and under
; the tests' 64-bit-only Wine).
Target amd64-unicode
SetCompressor /SOLID lzma
RequestExecutionLevel user
Name "Mamori"
OutFile "${OUT}"
InstallDir "$LOCALAPPDATA\Programs\Mamori"
InstallDirRegKey HKCU "Software\Mamori" "InstallDir"
VIProductVersion "${VERSION}.0"
VIAddVersionKey "ProductName" "Mamori"
VIAddVersionKey "FileDescription" "Mamori installer"
VIAddVersionKey "ProductVersion" "${VERSION}"
VIAddVersionKey "FileVersion" "${VERSION}"
VIAddVersionKey "LegalCopyright" "Mamori authors"

!include "MUI2.nsh"
!define MUI_ICON "${SRC}\mamori.ico"
!define MUI_UNICON "${SRC}\mamori.ico"
!define MUI_FINISHPAGE_RUN "$INSTDIR\Mamori.exe"
!insertmacro MUI_PAGE_DIRECTORY
!insertmacro MUI_PAGE_INSTFILES
!insertmacro MUI_PAGE_FINISH
!insertmacro MUI_UNPAGE_CONFIRM
!insertmacro MUI_UNPAGE_INSTFILES
!insertmacro MUI_LANGUAGE "Japanese"
!insertmacro MUI_LANGUAGE "English"

!define UNINST "Software\Microsoft\Windows\CurrentVersion\Uninstall\Mamori"

Section "Mamori"
  SetOutPath "$INSTDIR"
  File "${SRC}\Mamori.exe"
  File "${SRC}\mamori-cli.exe"
  File "${SRC}\README.txt"
  WriteUninstaller "$INSTDIR\Uninstall.exe"
  CreateShortcut "$SMPROGRAMS\Mamori.lnk" "$INSTDIR\Mamori.exe"
  WriteRegStr HKCU "Software\Mamori" "InstallDir" "$INSTDIR"
  WriteRegStr HKCU "${UNINST}" "DisplayName" "Mamori"
  WriteRegStr HKCU "${UNINST}" "DisplayVersion" "${VERSION}"
  WriteRegStr HKCU "${UNINST}" "Publisher" "Mamori"
  WriteRegStr HKCU "${UNINST}" "DisplayIcon" "$INSTDIR\Mamori.exe"
  WriteRegStr HKCU "${UNINST}" "UninstallString" '"$INSTDIR\Uninstall.exe"'
  WriteRegDWORD HKCU "${UNINST}" "NoModify" 1
  WriteRegDWORD HKCU "${UNINST}" "NoRepair" 1
SectionEnd

Section "Uninstall"
  Delete "$INSTDIR\Mamori.exe"
  Delete "$INSTDIR\mamori-cli.exe"
  Delete "$INSTDIR\README.txt"
  Delete "$INSTDIR\Uninstall.exe"
  RMDir "$INSTDIR"
  Delete "$SMPROGRAMS\Mamori.lnk"
  DeleteRegKey HKCU "${UNINST}"
  DeleteRegKey HKCU "Software\Mamori"
SectionEnd
