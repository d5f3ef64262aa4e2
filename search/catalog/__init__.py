"""The registry's dataset catalogue, for harvesters and dataset search engines: what datasets it
offers (one per kind and the whole registry) with their figures taken from the data
(`datasets`), written as DCAT-AP 3 JSON-LD (`dcat`) and as Project Open Data v1.1 `data.json`
(`pod`), served by `views`."""
