import SRImage
