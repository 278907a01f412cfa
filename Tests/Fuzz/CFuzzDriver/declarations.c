// Only the declaration in include/ matters; SwiftPM needs a source file for a C target.
