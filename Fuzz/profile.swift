// libFuzzer target `profile`: the import profile (SLAConfig, through Yams) on any text, and the
// date patterns a profile gives on any value.
//
// The first byte chooses: even (the seed corpus uses `0`) the profile file, odd (`1`) a date
// pattern on its first line and values to read with it on the following lines. The rest of the
// input is decoded as UTF-8 with `String(decoding:as:)`.
//
// Built by scripts/fuzz.sh against SLACore, SLAConfig and Yams (with libyaml) compiled as modules
// of their own with the same sanitizers, as the policy target is, and its checks,
// Fuzz/Checks/ProfileCheck.swift, which `make test` also runs on every file of Fuzz/corpus/profile/
// and Fuzz/regressions/profile/.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    ProfileFuzzCheck.run(UnsafeBufferPointer(start: data, count: size))
    return 0
}
