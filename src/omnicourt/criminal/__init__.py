"""Criminal first-instance cases (刑初): the procuratorate's indictment registered by the filing office."""
