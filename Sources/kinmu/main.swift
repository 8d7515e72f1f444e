// The entry point only: every command lives in KinmuCLI.
import KinmuCLI

Kinmu.main()
