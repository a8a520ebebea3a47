// libFuzzer target `policy`: the policy file and the installation file (SLAConfig, through Yams)
// on any text, and the terms the policies it accepts give.
//
// The first byte chooses the file: even (the seed corpus uses `0`) the policy file, odd (`1`) the
// installation file. The rest of the input is decoded as UTF-8 with `String(decoding:as:)`.
//
// Built by scripts/fuzz.sh against SLACore, SLAConfig and Yams (with libyaml) compiled as modules
// of their own with the same sanitizers, and its checks, Fuzz/Checks/PolicyCheck.swift, which
// `make test` also runs on every file of Fuzz/corpus/policy/ and Fuzz/regressions/policy/.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    PolicyFuzzCheck.run(UnsafeBufferPointer(start: data, count: size))
    return 0
}
