import Testing
@testable import MalamuteClient
